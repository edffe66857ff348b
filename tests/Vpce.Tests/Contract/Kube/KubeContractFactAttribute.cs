namespace Vpce.Tests.Contract.Kube;

/// <summary>A test against a real kube-apiserver: runs only when VPCE_TEST_KUBECONFIG names a kubeconfig.</summary>
public sealed class KubeContractFactAttribute : FactAttribute
{
    public const string Variable = "VPCE_TEST_KUBECONFIG";

    public KubeContractFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"{Variable} is not set (contract tier: needs a real API server)";
    }
}
