namespace Vpce.Tests.Contract.Crds;

/// <summary>A fact that needs a real API server: skipped unless VPCE_TEST_KUBECONFIG names a kubeconfig.</summary>
public sealed class CrdContractFactAttribute : FactAttribute
{
    public const string KubeconfigVariable = "VPCE_TEST_KUBECONFIG";

    public CrdContractFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KubeconfigVariable)))
            Skip = $"{KubeconfigVariable} is not set (start the contract rig to run the CRD contract tests)";
    }
}
