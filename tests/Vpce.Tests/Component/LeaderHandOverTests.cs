using Vpce.Crds;

namespace Vpce.Tests.Component;

/// <summary>Two replicas under leader election on the in-memory Lease, in virtual time: one leads, the standby is ready and
/// idle; killed hard, the leader's Lease runs out and the standby takes over; shut down cleanly, the leader releases the
/// Lease and the standby takes over at its next try. The new leader carries on from the objects' status: nothing is
/// created twice.</summary>
public sealed class LeaderHandOverTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task One_replica_leads_and_the_other_stands_by_ready_and_idle()
    {
        await using var replicas = new TwoReplicas();
        await LeaderWithStandbyAsync(replicas);
        await replicas.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));

        Assert.True(replicas.First.Manager.IsLeading);
        Assert.False(replicas.Second.Manager.IsLeading);
        Assert.True(replicas.Second.Manager.IsReady);
        Assert.Equal(("first", 0), (replicas.Lease!.HolderIdentity, replicas.Lease.LeaseTransitions));
        // Renewed every retry period all along.
        Assert.InRange(replicas.Time.GetUtcNow() - replicas.Lease.RenewTime, TimeSpan.Zero, replicas.Timings.RetryPeriod);
        Assert.Equal(1, replicas.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task Killed_hard_the_leader_is_replaced_once_its_lease_runs_out_and_nothing_is_created_twice()
    {
        await using var replicas = new TwoReplicas();
        await LeaderWithStandbyAsync(replicas);
        // Halfway between two renewals, so the kill is not where the standby happens to look.
        await replicas.AdvanceAsync(TimeSpan.FromSeconds(1.5), Step);

        var killedAt = replicas.Time.GetUtcNow();
        await replicas.First.KillAsync();
        Assert.Equal("first", replicas.Lease!.HolderIdentity);
        replicas.Kube.VpcEndpoints.Apply(Testbed.Interface());
        var renewedLast = replicas.Lease.RenewTime;
        Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Second.Manager.IsLeading, TimeSpan.FromSeconds(30), Step));

        // The standby counts the lease duration from when it last saw the Lease change (never from the holder's clock):
        // it takes over no sooner than the lease duration after the last renewal, and at most a retry period to notice
        // that renewal plus a retry period to try again later.
        var timings = replicas.Timings;
        var takeover = replicas.Second.LeaseElection!.AcquiredAt!.Value - killedAt;
        Assert.True(replicas.Second.LeaseElection.AcquiredAt.Value - renewedLast >= timings.LeaseDuration, $"took over {takeover} after the kill");
        Assert.InRange(takeover, timings.LeaseDuration - timings.RetryPeriod, timings.LeaseDuration + 2 * timings.RetryPeriod);
        Assert.Equal(("second", 1), (replicas.Lease!.HolderIdentity, replicas.Lease.LeaseTransitions));

        // The new leader picks up where the old one stopped: the gateway is found by its status, the object applied meanwhile is made.
        Assert.True(await replicas.AdvanceUntilAsync(() => IsReady(replicas, "ssm"), TimeSpan.FromSeconds(60), Step));
        await replicas.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        Assert.True(IsReady(replicas, "s3"));
        Assert.Equal(2, replicas.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(2, replicas.Aws.World.Endpoints("eu-west-1").Count);
    }

    [Fact]
    public async Task Shut_down_cleanly_the_leader_releases_its_lease_and_the_standby_takes_over_within_five_seconds()
    {
        await using var replicas = new TwoReplicas();
        await LeaderWithStandbyAsync(replicas);
        await replicas.AdvanceAsync(TimeSpan.FromSeconds(1.5), Step);

        var stoppedAt = replicas.Time.GetUtcNow();
        await replicas.First.StopAsync();
        // Released: no holder, as KubeLeaderElection leaves it.
        Assert.Equal("", replicas.Lease!.HolderIdentity);
        Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Second.Manager.IsLeading, TimeSpan.FromSeconds(30), Step));

        var takeover = replicas.Second.LeaseElection!.AcquiredAt!.Value - stoppedAt;
        Assert.True(takeover <= TimeSpan.FromSeconds(5), $"took over {takeover} after the shutdown");
        // Its next try, not the lease duration: at most one retry period.
        Assert.InRange(takeover, TimeSpan.Zero, replicas.Timings.RetryPeriod);
        Assert.Equal(("second", 1), (replicas.Lease!.HolderIdentity, replicas.Lease.LeaseTransitions));
        replicas.Aws.Tamper.RemoveRouteTable(Endpoint(replicas, "s3"), replicas.Account.PrivateRouteTableIds[0]);
        // The new leader resyncs as the old one did: the drift is corrected, nothing is created again.
        Assert.True(await replicas.AdvanceUntilAsync(
            () => replicas.Aws.World.FindEndpoint(Endpoint(replicas, "s3"))!.RouteTableIds.Contains(replicas.Account.PrivateRouteTableIds[0]),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));
        Assert.Equal(1, replicas.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    /// <summary>The first replica leads and has made the S3 gateway Ready; the second started a second later (so the two
    /// never look at the Lease at the same virtual instant) and stands by.</summary>
    private static async Task LeaderWithStandbyAsync(TwoReplicas replicas)
    {
        replicas.First.Start();
        await replicas.AdvanceAsync(TimeSpan.FromSeconds(1), Step);
        replicas.Second.Start();
        replicas.Kube.VpcEndpoints.Apply(Testbed.Gateway());
        Assert.True(await replicas.AdvanceUntilAsync(() => IsReady(replicas, "s3"), TimeSpan.FromSeconds(60), Step));
    }

    private static string Endpoint(TwoReplicas replicas, string name) =>
        replicas.Kube.VpcEndpoints.Get(Testbed.Ns, name)!.Status!.EndpointId!;

    private static bool IsReady(TwoReplicas replicas, string name) =>
        replicas.Kube.VpcEndpoints.Get(Testbed.Ns, name) is { } resource
        && Testbed.Condition(resource, ConditionTypes.Ready)?.Status == ConditionStatus.True;
}
