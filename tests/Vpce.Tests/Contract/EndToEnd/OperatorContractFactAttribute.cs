namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>Runs only with both a real kube-apiserver (VPCE_TEST_KUBECONFIG) and a real AWS-compatible endpoint (VPCE_TEST_AWS_ENDPOINT_URL).</summary>
public sealed class OperatorContractFactAttribute : FactAttribute
{
    public OperatorContractFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"))
            || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VPCE_TEST_AWS_ENDPOINT_URL")))
        {
            Skip = "set VPCE_TEST_KUBECONFIG and VPCE_TEST_AWS_ENDPOINT_URL to run the operator against a real API server and AWS endpoint";
        }
    }
}
