using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Status;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component;

/// <summary>A watch that brings the operator's own status write back only after the next reconcile has started from the
/// older copy (the finalizer the first reconcile added queues a second at once), as on a real API server: each finding is
/// still announced once, for both kinds.</summary>
public sealed class LaggingWatchTests
{
    private static (Testbed Bed, LaggingKube Kube) Start()
    {
        LaggingKube? lagging = null;
        var bed = Testbed.Start(new InMemoryOperatorOptions { WrapKube = kube => lagging = new LaggingKube((Vpce.Simulation.Kube.InMemoryKube)kube) });
        return (bed, lagging!);
    }

    private static bool IsStatusWrite<T>(WatchEvent<T> e) where T : class, ICustomResource => e.Object?.Status is not null;

    /// <summary>How often each Warning (reason and message) was recorded on the object.</summary>
    private static Dictionary<(string Reason, string Message), int> Warnings(Testbed bed, string name) =>
        bed.Events(name).Where(e => e.Type == EventTypes.Warning)
            .GroupBy(e => (e.Reason, e.Message)).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));

    [Fact]
    public async Task Checks_false_at_creation_warn_once_though_the_second_reconcile_starts_before_the_cache_has_the_status()
    {
        var (bed, kube) = Start();
        await using var _ = bed;
        kube.VpcEndpoints.HoldWatchEvents(IsStatusWrite);
        // The VPC's default group admits no 443 from the VPC, and ssm is alone: HttpsAllowed and CompanionsPresent False.
        bed.Apply(Testbed.Interface("ssm", s => s.SecurityGroupSelector = null));
        await bed.Settle();
        Assert.True(kube.VpcEndpoints.HoldsWatchEvents);
        Assert.Null(bed.Operator.Endpoints.Get(Testbed.Ns, "ssm")!.Status);

        kube.VpcEndpoints.ReleaseWatchEvents();
        await bed.ReadyAsync("ssm");
        await bed.Settle(300);
        var warnings = Warnings(bed, "ssm");
        Assert.Equal([CompanionConditions.Missing, "HttpsBlocked"], warnings.Keys.Select(k => k.Reason).Order(StringComparer.Ordinal));
        Assert.All(warnings.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_refusal_at_creation_warns_once_though_the_second_reconcile_starts_before_the_cache_has_the_status()
    {
        var (bed, kube) = Start();
        await using var _ = bed;
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        kube.EndpointBucketPolicies.HoldWatchEvents(IsStatusWrite);
        bed.Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "reports", Namespace = Testbed.Ns },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = bed.Account.OtherRegionBucketName, VpcEndpointRef = new LocalObjectReference { Name = "s3" },
                ExemptPrincipalArns = ["arn:aws:iam::123456789012:user/vpce-simulator"],
            },
        });
        await bed.Settle();
        Assert.True(kube.EndpointBucketPolicies.HoldsWatchEvents);

        kube.EndpointBucketPolicies.ReleaseWatchEvents();
        await bed.Settle(300);
        var warnings = Warnings(bed, "reports");
        Assert.Equal("RegionMismatch", Assert.Single(warnings).Key.Reason);
        Assert.Equal(1, warnings.Single().Value);
    }
}
