namespace Vpce.Tests.Contract.Deploy;

/// <summary>Runs with a real API server, a real AWS-compatible endpoint and a Helm engine (see <see cref="HelmEngine"/>).</summary>
public sealed class ChartContractFactAttribute : FactAttribute
{
    public ChartContractFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"))
            || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VPCE_TEST_AWS_ENDPOINT_URL")))
        {
            Skip = "set VPCE_TEST_KUBECONFIG and VPCE_TEST_AWS_ENDPOINT_URL to run the operator under the chart's RBAC";
        }
        else
        {
            Skip = HelmEngine.Missing;
        }
    }
}
