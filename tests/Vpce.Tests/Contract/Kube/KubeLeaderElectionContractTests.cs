using k8s;
using k8s.Models;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Contract.Kube;

/// <summary>KubeLeaderElection on the real API server, with short timings (lease 3 s, renew deadline 2 s, retry 0.5 s) to
/// keep it quick: the Lease as client-go writes it, renewals, release on shutdown, take-over of a released Lease at the
/// next try and of one that stopped renewing within the lease duration, one leader at a time, 409 Conflict lost.</summary>
[Collection(KubeApiServerCollection.Name)]
public sealed class KubeLeaderElectionContractTests(KubeFixture fixture) : IClassFixture<KubeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly LeaseTimings Short = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));

    [KubeContractFact]
    public async Task The_leader_writes_the_lease_as_client_go_does_renews_it_and_releases_it_on_shutdown()
    {
        var leaseName = NewLeaseName();
        await using var first = Candidate(leaseName, "first", Short);
        await first.Led.WaitAsync(Patience);
        var lease = await ReadAsync(leaseName);
        Assert.Equal(("first", 3, 0), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds, lease.Spec.LeaseTransitions));
        Assert.NotNull(lease.Spec.AcquireTime);
        var renewed = lease.Spec.RenewTime!.Value;

        await Task.Delay(Short.RetryPeriod * 3);
        lease = await ReadAsync(leaseName);
        Assert.True(lease.Spec.RenewTime > renewed, $"not renewed since {renewed:O}");
        Assert.Equal("first", lease.Spec.HolderIdentity);

        await first.StopAsync();
        lease = await ReadAsync(leaseName);
        Assert.Equal(("", 1), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds));
    }

    [KubeContractFact]
    public async Task A_standby_takes_a_released_lease_at_its_next_try_not_when_it_would_have_run_out()
    {
        // A 15 s lease, so expiry would take far longer than the release.
        var timings = new LeaseTimings(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        var leaseName = NewLeaseName();
        await using var leader = Candidate(leaseName, "leader", timings);
        await leader.Led.WaitAsync(Patience);
        await using var standby = Candidate(leaseName, "standby", timings);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(standby.HasLed, "the standby took a live lease");

        var stoppedAt = DateTime.UtcNow;
        await leader.StopAsync();
        var takeover = await standby.Led.WaitAsync(TimeSpan.FromSeconds(5)) - stoppedAt;
        // The drain, the release, then at most one retry period (and a call) to the next try.
        Assert.InRange(takeover, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var lease = await ReadAsync(leaseName);
        Assert.Equal(("standby", 1), (lease.Spec.HolderIdentity, lease.Spec.LeaseTransitions));
    }

    [KubeContractFact]
    public async Task A_lease_whose_holder_stopped_renewing_is_taken_within_the_lease_duration_of_its_last_renewal()
    {
        // A holder renewing every retry period, then killed hard: it stops, and nothing releases the Lease.
        var leaseName = NewLeaseName();
        var now = DateTime.UtcNow;
        var lease = await fixture.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = leaseName, NamespaceProperty = fixture.Namespace },
            Spec = new V1LeaseSpec { HolderIdentity = "killed", LeaseDurationSeconds = 3, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        }, fixture.Namespace);
        await using var standby = Candidate(leaseName, "standby", Short);
        var lastRenewed = DateTime.UtcNow;
        for (var renewal = 0; renewal < 8; renewal++)
        {
            await Task.Delay(Short.RetryPeriod);
            lease.Spec.RenewTime = DateTime.UtcNow;
            lease = await fixture.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, leaseName, fixture.Namespace);
            // Written before the response came: the kill is no earlier than this.
            lastRenewed = DateTime.UtcNow;
        }
        Assert.False(standby.HasLed, "the standby took a lease that was being renewed");

        var takeover = await standby.Led.WaitAsync(Patience) - lastRenewed;
        // At most the lease duration after the kill (the rule dates a renewal from the poll before the one that saw it),
        // plus a call; no sooner than the lease duration less two retry periods. client-go's rule allows up to two
        // retry periods more.
        Assert.InRange(takeover, Short.LeaseDuration - 2 * Short.RetryPeriod, Short.LeaseDuration + TimeSpan.FromMilliseconds(500));
        lease = await ReadAsync(leaseName);
        Assert.Equal(("standby", 1), (lease.Spec.HolderIdentity, lease.Spec.LeaseTransitions));
    }

    [KubeContractFact]
    public async Task Of_candidates_racing_and_handing_over_never_two_lead_at_once()
    {
        var leaseName = NewLeaseName();
        var tally = new LeaderTally();
        // Two at once on a Lease that does not exist yet: both try to create it, one gets 409.
        var a = Candidate(leaseName, "a", Short, tally);
        var b = Candidate(leaseName, "b", Short, tally);
        var first = await Task.WhenAny(a.Led, b.Led).WaitAsync(Patience);
        var (leader, other) = first == a.Led ? (a, b) : (b, a);
        await Task.Delay(Short.LeaseDuration + Short.RetryPeriod);
        Assert.False(other.HasLed, "a live lease was taken");

        await leader.StopAsync();
        await other.Led.WaitAsync(Patience);
        await using var c = Candidate(leaseName, "c", Short, tally);
        await Task.Delay(Short.LeaseDuration);
        Assert.False(c.HasLed, "a live lease was taken");
        await other.StopAsync();
        await c.Led.WaitAsync(Patience);

        Assert.Equal(1, tally.Most);
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [KubeContractFact]
    public async Task A_candidate_whose_write_meets_409_conflict_has_lost_and_waits_for_the_winner_to_run_out()
    {
        var leaseName = NewLeaseName();
        var now = DateTime.UtcNow;
        await fixture.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = leaseName, NamespaceProperty = fixture.Namespace },
            Spec = new V1LeaseSpec { HolderIdentity = "", LeaseDurationSeconds = 1, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        }, fixture.Namespace);
        var interloperWrote = DateTime.MinValue;
        // Between the candidate's read of the released Lease and its write, another candidate takes it.
        using var client = new Kubernetes(
            KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable(KubeContractFactAttribute.Variable)),
            new BeforeLeaseWriteHandler(async () =>
            {
                var released = await ReadAsync(leaseName);
                released.Spec.HolderIdentity = "interloper";
                released.Spec.LeaseDurationSeconds = 3;
                released.Spec.RenewTime = DateTime.UtcNow;
                released.Spec.LeaseTransitions = 1;
                await fixture.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(released, leaseName, fixture.Namespace);
                interloperWrote = DateTime.UtcNow;
            }));
        await using var candidate = new LeaseCandidate(client, fixture.Namespace, leaseName, "candidate", Short);

        var takeover = await candidate.Led.WaitAsync(Patience) - interloperWrote;
        Assert.NotEqual(DateTime.MinValue, interloperWrote);
        // Not at once (the write lost), but once the interloper's lease ran out: it never renewed.
        Assert.InRange(takeover, Short.LeaseDuration - Short.RetryPeriod, Short.LeaseDuration + TimeSpan.FromSeconds(1));
        var lease = await ReadAsync(leaseName);
        Assert.Equal(("candidate", 2), (lease.Spec.HolderIdentity, lease.Spec.LeaseTransitions));
    }

    private LeaseCandidate Candidate(string leaseName, string identity, LeaseTimings timings, LeaderTally? tally = null) =>
        new(fixture.Client, fixture.Namespace, leaseName, identity, timings, tally);

    private Task<V1Lease> ReadAsync(string leaseName) => fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(leaseName, fixture.Namespace);

    private static string NewLeaseName() => "vpce-test-" + Guid.NewGuid().ToString("N")[..6];
}
