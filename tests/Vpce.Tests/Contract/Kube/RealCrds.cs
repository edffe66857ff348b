using Vpce.Crds.Schema;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.Kube;

/// <summary>The generated CRDs (AwsAccount among them) applied as a user applies them: kubectl apply --validate=false, since
/// kubectl 1.32 against a 1.21 server rejects their CEL rules as unknown fields.</summary>
internal static class RealCrds
{
    public static async Task ApplyAsync()
    {
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for=condition=Established", "--timeout=60s",
            "crd/awsaccounts.vpce.io", "crd/vpcendpoints.vpce.io", "crd/endpointbucketpolicies.vpce.io"));
    }
}
