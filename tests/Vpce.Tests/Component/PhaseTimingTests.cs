using Vpce.Crds;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Component;

/// <summary>Both kinds run on the one skeleton: every phase of theirs is timed under its name.</summary>
public sealed class PhaseTimingTests
{
    [Fact]
    public async Task Each_phase_of_both_kinds_is_timed_by_kind_and_phase()
    {
        await using var bed = Testbed.Start(running: false);
        using var probe = new MetricsProbe(bed.Operator.Metrics);
        bed.Operator.Start();
        var endpointId = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        bed.Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "reports", Namespace = Testbed.Ns },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = bed.Account.BucketName, VpcEndpointIds = [endpointId], ExemptPrincipalArns = ["arn:aws:iam::123456789012:user/vpce-simulator"],
            },
        });
        await bed.RunForAsync(5);

        foreach (var phase in new[] { "validate", "resolve", "read", "identity", "plan", "apply", "advise", "export", "status" })
        {
            Assert.NotEmpty(probe.Values("vpce_reconcile_phase_duration_seconds", ("kind", VpcEndpoint.KindName), ("phase", phase)));
        }
        foreach (var phase in new[] { "validate", "resolve", "read", "plan", "apply", "status" })
        {
            Assert.NotEmpty(probe.Values("vpce_reconcile_phase_duration_seconds", ("kind", EndpointBucketPolicy.KindName), ("phase", phase)));
        }
        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        await bed.RunForAsync(5);
        Assert.NotEmpty(probe.Values("vpce_reconcile_phase_duration_seconds", ("kind", EndpointBucketPolicy.KindName), ("phase", "finalize")));
    }
}
