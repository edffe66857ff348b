using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;

namespace Vpce.Tests.Runtime;

/// <summary>A reconcile awaiting a snapshot read another reconcile started counts as waiting for the clock, so a virtual
/// clock can move when that read waits for its token (else every such wait would stall the clock for good).</summary>
public sealed class SharedReadWaitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_caller_joining_a_read_in_flight_is_counted_waiting_until_it_lands()
    {
        var waits = new TimedWaits();
        TimedWaits.Current = waits;
        var read = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cell = new SnapshotCell<string>();

        var started = cell.GetAsync(() => read.Task, Now, TimeSpan.FromMinutes(2));
        // The reconcile that runs the read is counted by what it does (busy, or in its own timed wait).
        Assert.Equal(0, waits.Count);
        var joined = cell.GetAsync(() => throw new InvalidOperationException("one read for all"), Now, TimeSpan.FromMinutes(2));
        Assert.Equal(1, waits.Count);

        read.SetResult("tables");
        Assert.Equal("tables", await joined);
        Assert.Equal("tables", await started);
        Assert.Equal(0, waits.Count);
    }

    [Fact]
    public async Task A_shared_read_is_no_one_objects_so_it_keeps_no_turn()
    {
        ReconcileScope.Enter(new ResourceKey("VpcEndpoint", "platform", "s3"));
        ResourceKey? seen = new ResourceKey("x", "x", "x");
        var cell = new SnapshotCell<string>();
        await cell.GetAsync(() => { seen = ReconcileScope.Current; return Task.FromResult("vpcs"); }, Now, TimeSpan.FromMinutes(2));
        Assert.Null(seen);
        Assert.Equal(new ResourceKey("VpcEndpoint", "platform", "s3"), ReconcileScope.Current);
    }
}
