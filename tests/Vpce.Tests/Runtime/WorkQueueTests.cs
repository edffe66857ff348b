using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;

namespace Vpce.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static readonly ResourceKey A = new("VpcEndpoint", "default", "a");
    private static readonly ResourceKey B = new("VpcEndpoint", "default", "b");
    private static readonly ResourceKey C = new("VpcEndpoint", "default", "c");

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_key_added_twice_is_handed_out_once()
    {
        using var queue = new WorkQueue(time: _time);
        queue.Add(A);
        queue.Add(A);
        queue.Add(B);

        Assert.Equal(2, queue.Count);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(B, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_to_a_second_worker_but_queued_again_when_done()
    {
        using var queue = new WorkQueue(time: _time);
        queue.Add(A);
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add(A);
        var second = queue.GetAsync(CancellationToken.None);
        Assert.Equal(0, queue.Count);
        Assert.False(second.IsCompleted);

        queue.Done(first!.Value);
        Assert.Equal(A, await second.WaitAsync(TestObjects.Patience));
    }

    [Fact]
    public async Task A_key_not_added_while_processing_is_not_queued_again()
    {
        using var queue = new WorkQueue(time: _time);
        queue.Add(A);
        var key = await queue.GetAsync(CancellationToken.None);
        queue.Done(key!.Value);

        Assert.Equal(0, queue.Count);
        Assert.True(queue.IsIdle);
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_per_key_until_forgotten()
    {
        using var queue = new WorkQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) }, _time);

        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited(A));
        Assert.Equal(TimeSpan.FromSeconds(2), queue.AddRateLimited(A));
        Assert.Equal(TimeSpan.FromSeconds(4), queue.AddRateLimited(A));
        Assert.Equal(TimeSpan.FromSeconds(5), queue.AddRateLimited(A));
        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited(B));
        Assert.Equal(4, queue.NumRequeues(A));

        queue.Forget(A);
        Assert.Equal(TimeSpan.FromSeconds(1), queue.AddRateLimited(A));
    }

    [Fact]
    public void A_rate_limited_key_becomes_ready_only_when_its_backoff_has_passed_in_virtual_time()
    {
        using var queue = new WorkQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1) }, _time);
        queue.AddRateLimited(A);
        queue.AddRateLimited(A);
        queue.AddRateLimited(A); // 4 s; the earlier 1 s wins as the sooner time
        Assert.Equal(0, queue.Count);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void The_global_bucket_limits_rate_limited_adds_across_keys()
    {
        var options = new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(1), RetriesPerSecond = 2, RetryBurst = 2 };
        using var queue = new WorkQueue(options, _time);

        Assert.Equal(TimeSpan.FromMilliseconds(1), queue.AddRateLimited(A));
        Assert.Equal(TimeSpan.FromMilliseconds(1), queue.AddRateLimited(B));
        // The bucket is empty: the third key waits for a token (0.5 s at 2 per second), not for its own 1 ms backoff.
        Assert.Equal(TimeSpan.FromMilliseconds(500), queue.AddRateLimited(C));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void AddAfter_waits_for_the_delay_and_keeps_the_sooner_of_two_times()
    {
        using var queue = new WorkQueue(time: _time);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(A, TimeSpan.FromSeconds(20));
        Assert.Equal(1, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void The_resyncs_add_leaves_a_key_waiting_for_a_later_look_to_it()
    {
        using var queue = new WorkQueue(time: _time);
        // Its paced turn is in ten minutes: the resync's look in one would find the same.
        queue.AddAfter(A, TimeSpan.FromMinutes(10));
        queue.AddAfterUnlessWaiting(A, TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, queue.Count);

        // A key not waiting is added after the delay, as AddAfter does.
        queue.AddAfterUnlessWaiting(B, TimeSpan.FromMinutes(1));
        Assert.Equal(1, queue.DelayedCount);
    }

    [Fact]
    public async Task Shutdown_stops_handing_out_keys_and_wakes_waiting_workers()
    {
        using var queue = new WorkQueue(time: _time);
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.ShutDown();

        Assert.Null(await waiting.WaitAsync(TestObjects.Patience));
        queue.Add(A);
        Assert.Null(await queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_get_does_not_swallow_a_later_key()
    {
        using var queue = new WorkQueue(time: _time);
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Add(A);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None).WaitAsync(TestObjects.Patience));
    }

    [Fact]
    public async Task Reports_client_go_work_queue_metrics_under_its_name()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);
        const string Name = "VpcEndpoint";
        var queue = new WorkQueue(new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1) }, _time, metrics, Name);

        queue.Add(A);
        queue.Add(A);
        queue.Add(B);
        // A key already waiting is not added twice.
        Assert.Equal(2, probe.Sum("vpce_workqueue_adds_total", "name", Name));
        Assert.Equal(2, probe.Gauge("vpce_workqueue_depth", "name", Name));

        _time.Advance(TimeSpan.FromSeconds(3));
        var key = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(A, key);
        Assert.Equal([3.0], probe.Values("vpce_workqueue_queue_duration_seconds", "name", Name));
        Assert.Equal(1, probe.Gauge("vpce_workqueue_depth", "name", Name));

        _time.Advance(TimeSpan.FromSeconds(2));
        queue.Done(A);
        Assert.Equal([2.0], probe.Values("vpce_workqueue_work_duration_seconds", "name", Name));

        queue.AddRateLimited(A);
        Assert.Equal(1, probe.Sum("vpce_workqueue_retries_total", "name", Name));
        // A retry is added (and counted) once its backoff has passed, as client-go's delaying queue does.
        Assert.Equal(2, probe.Sum("vpce_workqueue_adds_total", "name", Name));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, probe.Sum("vpce_workqueue_adds_total", "name", Name));
        Assert.Equal(2, probe.Gauge("vpce_workqueue_depth", "name", Name));

        queue.Dispose();
        // The kind's queue name is known, so its series stays, at 0, once the queue is gone.
        Assert.Equal(0, probe.Gauge("vpce_workqueue_depth", "name", Name));
    }
}
