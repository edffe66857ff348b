using Vpce.Crds;

namespace Vpce.Tests.Component;

/// <summary>Two replicas under leader election on the in-memory Lease, in virtual time: one leads, the standby is ready and
/// idle; killed hard, the leader's Lease runs out and the standby takes over within the lease duration; shut down cleanly, the leader releases the
/// Lease and the standby takes over at its next try. The new leader carries on from the objects' status: nothing is
/// created twice.</summary>
public sealed class LeaderHandOverTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    // Fine enough to see a take-over at its instant: kills and polls fall on 10 ms.
    private static readonly TimeSpan Fine = TimeSpan.FromMilliseconds(10);

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

    /// <summary>Killed at several instants within the renew period, with the standby polling at several phases against the
    /// leader's renewals: the standby dates the last renewal from its poll before the one that saw it, so it takes over at
    /// most the lease duration after the kill and no sooner than the lease duration less two retry periods; never sooner
    /// than the lease duration less one retry period after the last renewal (the old leader would have stopped 10 s after
    /// it); and never two leaders at once (checked at every step).</summary>
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(500, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(1500, 1000)]
    [InlineData(1990, 1000)]
    [InlineData(0, 100)]
    [InlineData(1990, 100)]
    [InlineData(0, 1900)]
    [InlineData(1000, 1900)]
    [InlineData(1990, 1900)]
    public async Task Killed_hard_the_leader_is_replaced_within_the_lease_duration_and_nothing_is_created_twice(int killAfterRenewalMs, int standbyLagMs)
    {
        await using var replicas = new TwoReplicas();
        await LeaderWithStandbyAsync(replicas, TimeSpan.FromMilliseconds(standbyLagMs));
        Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Time.GetUtcNow() == replicas.Lease!.RenewTime, TimeSpan.FromSeconds(5), Fine));
        if (killAfterRenewalMs > 0)
        {
            var offset = TimeSpan.FromMilliseconds(killAfterRenewalMs);
            await replicas.AdvanceAsync(offset, Fine);
        }

        var killedAt = replicas.Time.GetUtcNow();
        await replicas.First.KillAsync();
        Assert.Equal("first", replicas.Lease!.HolderIdentity);
        replicas.Kube.VpcEndpoints.Apply(Testbed.Interface());
        var renewedLast = replicas.Lease.RenewTime;
        Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Second.Manager.IsLeading, TimeSpan.FromSeconds(30), Fine));

        var timings = replicas.Timings;
        var acquiredAt = replicas.Second.LeaseElection!.AcquiredAt!.Value;
        var takeover = acquiredAt - killedAt;
        Assert.InRange(takeover, timings.LeaseDuration - 2 * timings.RetryPeriod, timings.LeaseDuration);
        Assert.True(acquiredAt - renewedLast >= timings.LeaseDuration - timings.RetryPeriod, $"took over {acquiredAt - renewedLast} after the last renewal");
        Assert.True(acquiredAt - renewedLast > timings.RenewDeadline);
        Assert.Equal(("second", 1), (replicas.Lease!.HolderIdentity, replicas.Lease.LeaseTransitions));

        // The new leader picks up where the old one stopped: the gateway is found by its status, the object applied meanwhile is made.
        Assert.True(await replicas.AdvanceUntilAsync(() => IsReady(replicas, "ssm"), TimeSpan.FromSeconds(60), Step));
        await replicas.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        Assert.True(IsReady(replicas, "s3"));
        Assert.Equal(2, replicas.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(2, replicas.Aws.World.Endpoints("eu-west-1").Count);
    }

    /// <summary>The leader cut off from the API server (a partition) runs on, but stops leading (its controllers are
    /// cancelled) within the renew deadline of its last renewal; the standby takes the Lease only after that, at the lease
    /// duration less at most a retry period after the renewal: at no step do both hold it, nor do both run controllers (a
    /// leader that lost its Lease cancels its in-flight reconciles at once, with no shutdown grace).</summary>
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1990, 1000)]
    [InlineData(0, 100)]
    [InlineData(1990, 1900)]
    public async Task Cut_off_from_the_api_the_leader_stops_leading_before_the_standby_takes_over(int cutAfterRenewalMs, int standbyLagMs)
    {
        await using var replicas = new TwoReplicas();
        try
        {
            await LeaderWithStandbyAsync(replicas, TimeSpan.FromMilliseconds(standbyLagMs));
            Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Time.GetUtcNow() == replicas.Lease!.RenewTime, TimeSpan.FromSeconds(5), Fine));
            if (cutAfterRenewalMs > 0)
            {
                var offset = TimeSpan.FromMilliseconds(cutAfterRenewalMs);
                await replicas.AdvanceAsync(offset, Fine);
            }

            replicas.First.LeaseElection!.CutOff();
            var renewedLast = replicas.Lease!.RenewTime;
            var timings = replicas.Timings;
            Assert.True(await replicas.AdvanceUntilAsync(() => !replicas.First.LeaseElection.IsLeader, TimeSpan.FromSeconds(30), Fine));
            var stoppedAt = replicas.Time.GetUtcNow();
            Assert.InRange(stoppedAt - renewedLast, timings.RenewDeadline - timings.RetryPeriod, timings.RenewDeadline);
            Assert.True(await replicas.AdvanceUntilAsync(() => replicas.Second.LeaseElection!.IsLeader, TimeSpan.FromSeconds(30), Fine));

            var acquiredAt = replicas.Second.LeaseElection!.AcquiredAt!.Value;
            Assert.True(acquiredAt - stoppedAt >= timings.LeaseDuration - timings.RetryPeriod - timings.RenewDeadline,
                $"took over {acquiredAt - stoppedAt} after the old leader stopped");
            Assert.InRange(acquiredAt - renewedLast, timings.LeaseDuration - timings.RetryPeriod, timings.LeaseDuration);
        }
        finally
        {
            // Its election ended with leadership lost: gone, as its pod would restart.
            await replicas.First.KillAsync();
        }
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

    /// <summary>The first replica leads and has made the S3 gateway Ready; the second started <paramref name="standbyLag"/>
    /// later (a second unless told; so the two never look at the Lease at the same virtual instant) and stands by.</summary>
    private static async Task LeaderWithStandbyAsync(TwoReplicas replicas, TimeSpan? standbyLag = null)
    {
        replicas.First.Start();
        var lag = standbyLag ?? TimeSpan.FromSeconds(1);
        await replicas.AdvanceAsync(lag, Step);
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
