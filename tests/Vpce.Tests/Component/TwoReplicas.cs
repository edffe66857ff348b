using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Hosting;
using Vpce.Ports.Kube;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Component;

/// <summary>Two operators, as the chart's two replicas, on one simulated AWS account, one in-memory API and one virtual
/// clock, electing a leader on the store's Lease. Time moves only in <see cref="AdvanceUntilAsync"/>, which checks at every
/// step that no two of them hold the Lease, or run their controllers, at once.</summary>
public sealed class TwoReplicas : IAsyncDisposable
{
    public TwoReplicas()
    {
        Aws = new AwsSimulator(Time);
        Kube = new InMemoryKube(Time);
        Account = DemoAccount.Build(Aws.World);
        First = Replica("first");
        Second = Replica("second");
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public AwsSimulator Aws { get; }
    public InMemoryKube Kube { get; }
    public DemoAccount Account { get; }
    public InMemoryOperator First { get; }
    public InMemoryOperator Second { get; }
    public LeaseTimings Timings => LeaseTimings.Default;

    public InMemoryLease? Lease => Kube.Leases.Get(InMemoryOperator.LeaseNamespace, Vpce.Operator.Kube.KubeLeaderElection.DefaultLeaseName);

    public IEnumerable<InMemoryOperator> Both => [First, Second];

    public async Task WaitForIdleAsync()
    {
        // One replica's work can wake the other (a status write it watches): settle until both are idle together.
        do
        {
            foreach (var replica in Both) await replica.WaitForIdleAsync();
        }
        while (!Both.All(r => r.LeaseElection!.IsIdle));
        // A replica whose election stopped leading cancels its controllers at once (no grace, no virtual time): their
        // unwinding runs on the thread pool, where the clock's idleness does not see it, so let it finish before judging.
        // Without the cancellation they would wait for the 30 s grace on the clock, and this bound would end the wait.
        for (var waited = 0; waited < 500 && Both.Any(r => r.Manager.IsLeading && !r.LeaseElection!.IsLeader); waited++)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Moves the clock in <paramref name="step"/>s until <paramref name="done"/> holds; false if it did not within
    /// <paramref name="limit"/>. Fails at once if both replicas ever lead together.</summary>
    public async Task<bool> AdvanceUntilAsync(Func<bool> done, TimeSpan limit, TimeSpan step)
    {
        await WaitForIdleAsync();
        for (var moved = TimeSpan.Zero; !done(); moved += step)
        {
            if (moved >= limit) return false;
            Time.Advance(step);
            await WaitForIdleAsync();
            Assert.False(First.LeaseElection!.IsLeader && Second.LeaseElection!.IsLeader, $"two Lease holders at {Time.GetUtcNow():HH:mm:ss.ff}");
            Assert.False(First.Manager.IsLeading && Second.Manager.IsLeading, $"two leaders at {Time.GetUtcNow():HH:mm:ss.ff}");
        }
        return true;
    }

    public Task AdvanceAsync(TimeSpan by, TimeSpan step) => AdvanceUntilAsync(() => false, by, step);

    private InMemoryOperator Replica(string identity) =>
        new(new InMemoryOperatorOptions { Time = Time, Aws = Aws, Kube = Kube, LeaseIdentity = identity });

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Both) await replica.DisposeAsync();
    }
}
