using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Runtime;

public sealed class ControllerHostTests : IAsyncDisposable
{
    private static readonly ControllerOptions Options = new()
    {
        MaxConcurrentReconciles = 4,
        ResyncInterval = TimeSpan.FromMinutes(2),
        ShutdownGracePeriod = TimeSpan.FromSeconds(30),
        Queue = new WorkQueueOptions { BaseDelay = TimeSpan.FromSeconds(1) },
    };

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryKube _kube;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _run = Task.CompletedTask;

    public ControllerHostTests() => _kube = new InMemoryKube(_time);

    [Fact]
    public async Task Reconciles_each_applied_object_once()
    {
        var reconciler = new ScriptedReconciler(ReconcileResult.Done);
        var host = await StartAsync(reconciler);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("b"));
        await IdleAsync(host);

        Assert.Equal(2, reconciler.Reconciles);
    }

    [Fact]
    public async Task A_reconcile_gets_its_own_metadata_and_a_change_to_the_shared_spec_or_status_is_reported()
    {
        var changes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            if (resource.Metadata.Name == "own")
            {
                // Its own metadata and top-level fields: nothing of this reaches the cache.
                resource.Metadata.Finalizers = ["mine"];
                resource.Metadata.Labels = new() { ["x"] = "y" };
                resource.Status = new VpcEndpointStatus { EndpointId = "vpce-own" };
            }
            else
            {
                // The spec is the cache's own, to read: changing it in place is the bug the check names.
                resource.Spec.ServiceName = "changed-in-place";
            }
            return Task.FromResult(ReconcileResult.Done);
        });
        var host = await StartAsync(reconciler, Options with { CachedObjectChanged = changes.Add });
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("own"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("shared"));
        await IdleAsync(host);

        Assert.Equal(2, reconciler.Reconciles);
        var change = Assert.Single(changes);
        Assert.Contains("default/shared", change, StringComparison.Ordinal);
        Assert.Contains("changed-in-place", change, StringComparison.Ordinal);
        Assert.Null(host.Get("default", "own")!.Metadata.Finalizers);
    }

    [Fact]
    public async Task RequeueAfter_reconciles_again_when_the_delay_has_passed_in_virtual_time()
    {
        var reconciler = new ScriptedReconciler(ReconcileResult.After(TimeSpan.FromSeconds(30)));
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);
        Assert.Equal(1, reconciler.Reconciles);

        await AdvanceAsync(host, TimeSpan.FromSeconds(29));
        Assert.Equal(1, reconciler.Reconciles);
        await AdvanceAsync(host, TimeSpan.FromSeconds(1));
        Assert.Equal(2, reconciler.Reconciles);
    }

    [Fact]
    public async Task An_exception_backs_the_key_off_exponentially()
    {
        var reconciler = new ScriptedReconciler((_, _) => throw new InvalidOperationException("boom"));
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);
        Assert.Equal(1, reconciler.Reconciles);

        await AdvanceAsync(host, TimeSpan.FromSeconds(1));
        Assert.Equal(2, reconciler.Reconciles);
        await AdvanceAsync(host, TimeSpan.FromSeconds(1));
        Assert.Equal(2, reconciler.Reconciles);
        await AdvanceAsync(host, TimeSpan.FromSeconds(1));
        Assert.Equal(3, reconciler.Reconciles);
        Assert.Equal(3, host.Queue.NumRequeues(new ResourceKey(VpcEndpoint.KindName, "default", "a")));
    }

    [Fact]
    public async Task Backoff_result_retries_with_backoff_and_success_resets_it()
    {
        var calls = 0;
        var reconciler = new ScriptedReconciler((_, _) =>
            Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? ReconcileResult.Backoff() : ReconcileResult.Done));
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);

        await AdvanceAsync(host, TimeSpan.FromSeconds(1));
        await AdvanceAsync(host, TimeSpan.FromSeconds(2));
        Assert.Equal(3, reconciler.Reconciles);
        Assert.Equal(0, host.Queue.NumRequeues(new ResourceKey(VpcEndpoint.KindName, "default", "a")));
        Assert.Equal(0, host.Queue.DelayedCount);
    }

    [Fact]
    public async Task FailedUntilChanged_is_not_retried_until_the_object_changes_or_the_resync()
    {
        var reconciler = new ScriptedReconciler(ReconcileResult.FailedUntilChanged);
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);

        await AdvanceAsync(host, TimeSpan.FromSeconds(90));
        Assert.Equal(1, reconciler.Reconciles);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", serviceName: "ssm"));
        await IdleAsync(host);
        Assert.Equal(2, reconciler.Reconciles);

        // The resync at 2 minutes queues the key at its own phase within the next interval.
        await AdvanceAsync(host, TimeSpan.FromSeconds(30));
        await AdvanceAsync(host, ControllerHost<VpcEndpoint>.ResyncPhase(new ResourceKey("VpcEndpoint", "default", "a"), TimeSpan.FromMinutes(2)));
        Assert.Equal(3, reconciler.Reconciles);
    }

    [Fact]
    public void Resync_phases_are_stable_and_spread_over_the_interval()
    {
        var interval = TimeSpan.FromMinutes(2);
        var phases = Enumerable.Range(0, 200).Select(i => ControllerHost<VpcEndpoint>.ResyncPhase(new ResourceKey("VpcEndpoint", "ns", $"e{i}"), interval)).ToList();
        Assert.All(phases, p => Assert.InRange(p, TimeSpan.Zero, interval));
        Assert.True(phases.Count(p => p < interval / 2) is > 60 and < 140);
        Assert.Equal(phases[7], ControllerHost<VpcEndpoint>.ResyncPhase(new ResourceKey("VpcEndpoint", "ns", "e7"), interval));
    }

    [Fact]
    public async Task The_operators_status_writes_do_not_trigger_another_reconcile_but_label_changes_do()
    {
        var reconciler = new ScriptedReconciler(async (resource, ct) =>
        {
            resource.Status = new VpcEndpointStatus { LastSyncTime = _time.GetUtcNow(), State = "available" };
            await _kube.VpcEndpoints.PatchStatusAsync(resource, ct);
            return ReconcileResult.Done;
        });
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);
        _time.Advance(TimeSpan.FromSeconds(1));
        await IdleAsync(host);

        Assert.Equal(1, reconciler.Reconciles);
        Assert.Equal("available", _kube.VpcEndpoints.Get("default", "a")!.Status!.State);

        var labelled = TestObjects.Endpoint("a");
        labelled.Metadata.Labels = new() { ["team"] = "platform" };
        _kube.VpcEndpoints.Apply(labelled);
        await IdleAsync(host);
        Assert.Equal(2, reconciler.Reconciles);
    }

    [Fact]
    public async Task A_key_changed_while_reconciling_is_reconciled_again_afterwards_never_concurrently()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = true;
        var reconciler = new ScriptedReconciler(async (_, _) =>
        {
            if (first)
            {
                first = false;
                await gate.Task;
            }
            return ReconcileResult.Done;
        });
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await WaitUntilAsync(() => host.Queue.ProcessingCount == 1);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", serviceName: "ssm"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", serviceName: "ec2messages"));
        Assert.Equal(0, host.Queue.Count);

        gate.SetResult();
        await IdleAsync(host);
        Assert.Equal(2, reconciler.Reconciles);
        Assert.Equal(1, reconciler.MaxConcurrentPerKey);
    }

    [Fact]
    public async Task The_reconciler_gets_a_copy_and_forgets_a_deleted_object_after_its_last_reconcile()
    {
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            resource.Metadata.Labels = new() { ["mutated"] = "by-reconciler" };
            return Task.FromResult(ReconcileResult.Done);
        });
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await IdleAsync(host);
        Assert.Null(host.Get("default", "a")!.Metadata.Labels);

        _kube.VpcEndpoints.Delete("default", "a");
        await IdleAsync(host);
        Assert.Equal([new ResourceKey(VpcEndpoint.KindName, "default", "a")], reconciler.Forgotten);
        Assert.Equal(1, reconciler.Reconciles);
    }

    [Fact]
    public async Task Watches_only_the_configured_namespaces()
    {
        var reconciler = new ScriptedReconciler(ReconcileResult.Done);
        var host = await StartAsync(reconciler, Options with { Namespaces = ["team-a", "team-c"] });

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", "team-a"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("b", "team-b"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("c", "team-c"));
        await IdleAsync(host);

        Assert.Equal(2, reconciler.Reconciles);
        Assert.Equal(2, host.Informers.Count);
        Assert.Null(host.Get("team-b", "b"));
    }

    [Fact]
    public async Task Shutdown_lets_a_reconcile_in_flight_finish_within_the_grace_period()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledInside = false;
        var reconciler = new ScriptedReconciler(async (_, ct) =>
        {
            await gate.Task;
            cancelledInside = ct.IsCancellationRequested;
            return ReconcileResult.Done;
        });
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await WaitUntilAsync(() => host.Queue.ProcessingCount == 1);

        _stop.Cancel();
        Assert.False(_run.IsCompleted);
        gate.SetResult();
        await _run.WaitAsync(TestObjects.Patience);

        Assert.False(cancelledInside);
        Assert.Equal(1, reconciler.Reconciles);
    }

    [Fact]
    public async Task Leadership_lost_cancels_a_reconcile_in_flight_at_once_without_the_grace_period()
    {
        var (reconciler, sawCancellation) = RunsUntilCancelled();
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await WaitUntilAsync(() => host.Queue.ProcessingCount == 1);

        // As OperatorManager ends a lost lead: the controllers' token and the abort together; the clock does not move.
        _stop.Cancel();
        _abort.Cancel();
        await _run.WaitAsync(TestObjects.Patience);

        Assert.True(sawCancellation());
    }

    [Fact]
    public async Task Shutdown_cancels_a_reconcile_still_running_after_the_grace_period()
    {
        var (reconciler, sawCancellation) = RunsUntilCancelled();
        var host = await StartAsync(reconciler);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        await WaitUntilAsync(() => host.Queue.ProcessingCount == 1);

        _stop.Cancel();
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _run.WaitAsync(TestObjects.Patience);

        Assert.True(sawCancellation());
        // A later change is not picked up: the queue is closed.
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("b"));
        Assert.Equal(1, reconciler.Reconciles);
    }

    [Fact]
    public async Task Listed_objects_are_reconciled_before_every_informer_has_synced_and_a_key_not_yet_listed_waits_for_the_sync()
    {
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        var reconciler = new ScriptedReconciler(ReconcileResult.Done);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", "team-a"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("b", "team-b"));
        client.HoldLists("team-b");
        var host = new ControllerHost<VpcEndpoint>(client, reconciler, Options with { Namespaces = ["team-a", "team-b"] }, time: _time);
        _run = Task.Run(() => host.RunAsync(_stop.Token));

        // team-a's object is in the cache: reconciled although team-b's list is still held.
        await WaitUntilAsync(() => reconciler.Reconciles == 1);
        Assert.False(host.HasSynced);
        // Keys whose objects are not in the cache yet: a worker cannot tell "not listed yet" from "deleted", so they wait.
        host.Enqueue("team-b", "b");
        host.Enqueue("team-b", "never-was");
        await WaitUntilAsync(() => host.Queue.Count == 0 && host.Queue.ProcessingCount == 0);
        Assert.Equal(1, reconciler.Reconciles);
        Assert.Empty(reconciler.Forgotten);
        Assert.False(host.IsIdle);

        client.ReleaseLists();
        await IdleAsync(host);
        Assert.True(host.HasSynced);
        // b is reconciled once (listed, and waiting: one key); the key of no object is forgotten only now.
        Assert.Equal(2, reconciler.Reconciles);
        Assert.Equal([new ResourceKey(VpcEndpoint.KindName, "team-b", "never-was")], reconciler.Forgotten);
    }

    [Fact]
    public async Task The_objects_of_a_list_in_pages_are_reconciled_while_later_pages_load()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.HoldPagesAfter(1);
        var reconciled = new List<string>();
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            lock (reconciled) reconciled.Add(resource.Metadata.Name);
            return Task.FromResult(ReconcileResult.Done);
        });
        var host = new ControllerHost<VpcEndpoint>(client, reconciler, Options, time: _time);
        _run = Task.Run(() => host.RunAsync(_stop.Token));

        await WaitUntilAsync(() => reconciler.Reconciles == 2);
        Assert.Equal(["a", "b"], reconciled.Order());
        Assert.Equal(1, client.PagesFetched);
        Assert.False(host.HasSynced);

        client.ReleasePages();
        await IdleAsync(host);
        Assert.Equal(["a", "b", "c", "d", "e"], reconciled.Order());
        Assert.Equal(3, client.PagesFetched);
        Assert.Empty(reconciler.Forgotten);
    }

    [Fact]
    public async Task A_controller_that_waits_for_its_own_sync_reconciles_nothing_before_the_last_page()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.HoldPagesAfter(1);
        var reconciler = new ScriptedReconciler(ReconcileResult.Done);
        var host = new ControllerHost<VpcEndpoint>(client, reconciler, Options, time: _time);
        host.AlsoWaitForSyncOf(host);
        _run = Task.Run(() => host.RunAsync(_stop.Token));

        await WaitUntilAsync(() => host.Informers[0].Cache.Count == 2 && host.Queue.Count == 2);
        Assert.Equal(0, reconciler.Reconciles);

        client.ReleasePages();
        await IdleAsync(host);
        Assert.Equal(3, reconciler.Reconciles);
    }

    [Fact]
    public async Task An_object_that_does_not_decode_is_announced_and_every_other_object_is_reconciled()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);
        var reconciled = new List<string>();
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            lock (reconciled) reconciled.Add(resource.Metadata.Name);
            return Task.FromResult(ReconcileResult.Done);
        });
        _kube.VpcEndpoints.StoreRaw("default", "old", TestObjects.OldSchemaEndpointJson("old"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("good"));

        var host = await StartAsync(reconciler, metrics: metrics);
        _kube.VpcEndpoints.StoreRaw("default", "older", TestObjects.OldSchemaEndpointJson("older"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("later"));
        await IdleAsync(host);

        Assert.True(host.HasSynced);
        Assert.Equal(["good", "later"], reconciled.Order());
        Assert.Equal(Informer<VpcEndpoint>.DecodeFailedReason, Assert.Single(_kube.Events.For("default", "old")).Reason);
        Assert.Equal(Informer<VpcEndpoint>.DecodeFailedReason, Assert.Single(_kube.Events.For("default", "older")).Reason);
        Assert.Equal(2, probe.Gauge("vpce_undecodable_objects", "kind", VpcEndpoint.KindName));
        // The queue's metrics carry the kind as their name.
        Assert.Equal(2, probe.Sum("vpce_workqueue_adds_total", "name", VpcEndpoint.KindName));
        Assert.Equal(2, probe.Values("vpce_workqueue_work_duration_seconds", "name", VpcEndpoint.KindName).Count);
        Assert.Equal(0, probe.Gauge("vpce_workqueue_depth", "name", VpcEndpoint.KindName));
    }

    [Fact]
    public async Task Each_reconcile_logs_inside_a_scope_with_the_kind_the_key_and_its_own_reconcile_id()
    {
        var logger = new RecordingLogger();
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            logger.LogInformation("reconciling {Name}", resource.Metadata.Name);
            return Task.FromResult(ReconcileResult.Done);
        });
        var host = await StartAsync(reconciler, logger: logger);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("b"));
        await IdleAsync(host);

        var lines = logger.Entries.Where(e => e.Message.StartsWith("reconciling", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(VpcEndpoint.KindName, line.ScopeValue("Kind")));
        Assert.Equal(["default/a", "default/b"], lines.Select(line => (string)line.ScopeValue("Key")!).Order());
        Assert.All(lines, line => Assert.NotNull(line.ScopeValue("ReconcileId")));
        Assert.NotEqual(lines[0].ScopeValue("ReconcileId"), lines[1].ScopeValue("ReconcileId"));
    }

    [Fact]
    public async Task An_expected_failure_logs_one_line_without_a_stack_trace_and_only_a_bug_logs_its_stack_trace()
    {
        var logger = new RecordingLogger();
        var reconciler = new ScriptedReconciler((resource, _) => Task.FromException<ReconcileResult>(resource.Metadata.Name switch
        {
            "throttled" => new AwsApiException(AwsErrorCodes.RequestLimitExceeded, "Request limit exceeded."),
            "undecodable" => new JsonException("The JSON value could not be converted to System.String.", "$.spec.vpcId", null, null),
            "gone" => new KubeObjectNotFoundException("vpcendpoints \"gone\" not found"),
            _ => new InvalidOperationException("a bug"),
        }));
        var host = await StartAsync(reconciler, logger: logger);
        foreach (var name in new[] { "throttled", "undecodable", "gone", "bug" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        await IdleAsync(host);

        var failures = logger.Entries.Where(e => e.Message.Contains("failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, failures.Count);
        var bug = Assert.Single(failures, f => f.Exception is not null);
        Assert.Contains("/bug", bug.Message);
        Assert.Equal(LogLevel.Error, bug.Level);
        Assert.IsType<InvalidOperationException>(bug.Exception);
        Assert.All(failures.Where(f => f != bug), f =>
        {
            Assert.Equal(LogLevel.Warning, f.Level);
            Assert.DoesNotContain('\n', f.Message);
        });
        Assert.Contains(failures, f => f.Message.Contains("RequestLimitExceeded", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await _run.WaitAsync(TestObjects.Patience);
        _stop.Dispose();
    }

    private async Task<ControllerHost<VpcEndpoint>> StartAsync(IReconciler<VpcEndpoint> reconciler, ControllerOptions? options = null,
        OperatorMetrics? metrics = null, ILogger? logger = null)
    {
        var host = new ControllerHost<VpcEndpoint>(_kube.VpcEndpoints, reconciler, options ?? Options, metrics, _time, logger, _kube.Events);
        _run = Task.Run(() => host.RunAsync(_stop.Token, _abort.Token));
        await IdleAsync(host);
        return host;
    }

    /// <summary>A reconciler that runs until its token is cancelled, and whether it saw the cancellation.</summary>
    private static (ScriptedReconciler Reconciler, Func<bool> SawCancellation) RunsUntilCancelled()
    {
        var sawCancellation = false;
        var reconciler = new ScriptedReconciler(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancellation = true;
                throw;
            }
            return ReconcileResult.Done;
        });
        return (reconciler, () => sawCancellation);
    }

    private static Task IdleAsync(ControllerHost<VpcEndpoint> host) => host.WaitForIdleAsync().WaitAsync(TestObjects.Patience);

    private async Task AdvanceAsync(ControllerHost<VpcEndpoint> host, TimeSpan by)
    {
        _time.Advance(by);
        await IdleAsync(host);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestObjects.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Yield();
        }
    }
}
