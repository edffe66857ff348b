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
        await bed.RunForAsync();
        Assert.True(kube.VpcEndpoints.HoldsWatchEvents);
        Assert.Null(bed.Operator.Endpoints.Get(Testbed.Ns, "ssm")!.Status);

        kube.VpcEndpoints.ReleaseWatchEvents();
        await bed.ReadyAsync("ssm");
        await bed.RunForAsync(300);
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
        await bed.RunForAsync();
        Assert.True(kube.EndpointBucketPolicies.HoldsWatchEvents);

        kube.EndpointBucketPolicies.ReleaseWatchEvents();
        await bed.RunForAsync(300);
        var warnings = Warnings(bed, "reports");
        Assert.Equal("RegionMismatch", Assert.Single(warnings).Key.Reason);
        Assert.Equal(1, warnings.Single().Value);
    }

    [Fact]
    public async Task A_status_write_is_kept_while_the_watch_lags_and_let_go_when_it_comes_back_not_at_the_next_reconcile()
    {
        var (bed, kube) = Start();
        await using var _ = bed;
        bed.Apply(Testbed.Gateway());
        await bed.ReadyAsync("s3");
        await bed.RunForAsync();
        Assert.Equal(0, bed.Operator.Controller.UncachedStatusWrites);

        // A change whose status write the watch holds back: the write stands in for the cache's older copy meanwhile.
        // The edit's own event passes (its status is of the generation before); the status write for it is held.
        kube.VpcEndpoints.HoldWatchEvents(e => e.Object is { Status: { } status } o && status.ObservedGeneration == o.Metadata.Generation);
        bed.Edit("s3", s => s.Tags = new() { ["team"] = "payments" });
        await bed.RunForAsync();
        Assert.True(kube.VpcEndpoints.HoldsWatchEvents);
        Assert.Equal(1, bed.Operator.Controller.UncachedStatusWrites);

        // The cache reaching the written version is what lets the write go; the released event arrives on the thread pool.
        var written = bed.Get("s3").Metadata.ResourceVersion;
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Operator.Endpoints.ObjectChanged += r => { if (r.Metadata.ResourceVersion == written) caughtUp.TrySetResult(); };
        using var reconciles = new CounterProbe(bed.Operator.Metrics.Meter, "vpce_reconcile_total");
        kube.VpcEndpoints.ReleaseWatchEvents();
        await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, bed.Operator.Controller.UncachedStatusWrites);
        Assert.Equal(0, reconciles.Sum());
    }
}
