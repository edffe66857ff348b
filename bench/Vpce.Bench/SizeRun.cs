using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Aws;

namespace Vpce.Bench;

/// <summary>One size in this process: the operator on the simulator in virtual time, with the default resilience options
/// (mutations paced at 0.3/s per region, burst 4) and the run verb's defaults (4 workers, 2 m resync). Phases: start with
/// every object present (ready = caches synced), converge, settle, one steady hour, memory after a full GC, then a full
/// clean resync timed on the wall clock.</summary>
public static class SizeRun
{
    private static readonly string[] Mutations =
        ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:CreateTags", "ec2:DeleteTags"];

    private static readonly OperatorOptions RunVerbDefaults = new();
    private static readonly AwsResilienceOptions Resilience = new();

    public static async Task<SizeResult> RunAsync(int endpoints, int run, TextWriter progress, AllocationSampler? sampler = null)
    {
        var process = Stopwatch.StartNew();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        // AWS's own request limits on, to show the client-side pacing keeps below them.
        var simulator = new AwsSimulator(time, new AwsSimulatorOptions { Seed = 11, Throttling = new Ec2ThrottlingOptions { Enabled = true } });
        var interval = RunVerbDefaults.ResyncInterval;
        await using var op = new InMemoryOperator(new InMemoryOperatorOptions
        {
            // Production's reconcile, without the tests' check of the cache after each one.
            CheckCachedObjects = false,
            Time = time,
            Aws = simulator,
            WrapAws = (aws, metrics, clock) => new ResilientAwsApis(aws, Resilience, metrics, clock),
            Controller = new ControllerOptions { MaxConcurrentReconciles = RunVerbDefaults.MaxConcurrentReconciles, ResyncInterval = interval },
        });
        BenchWorkload.Build(simulator.World, op.Kube.VpcEndpoints, endpoints);
        progress.WriteLine($"[{endpoints}] world built in {process.Elapsed.TotalSeconds:0.0}s");
        // The process before the operator starts: the runtime, the in-memory API server holding every object (no status yet)
        // and the simulated account (no endpoint yet); the increment over this bounds the operator's own share from above.
        var (workingSetBeforeStart, heapBeforeStart) = MemoryAfterFullGc();
        progress.WriteLine($"[{endpoints}] memory before the operator starts: working set {workingSetBeforeStart / 1048576.0:0} MiB, live heap {heapBeforeStart / 1048576.0:0} MiB");

        // Ready: every informer listed and synced, with all objects already in the store.
        var ready = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        op.Start();
        await Task.WhenAll(op.Manager.Controllers.Select(c => c.WaitForSyncAsync()));
        ready.Stop();
        if (!op.Manager.HasSynced) throw new InvalidOperationException("controllers report not synced after WaitForSyncAsync");
        progress.WriteLine($"[{endpoints}] caches synced in {ready.Elapsed.TotalMilliseconds:0}ms");

        var floor = BenchWorkload.EndpointsPerRegion(endpoints).Values
            .Max(n => Math.Max(0, n - Resilience.MutationBurst) / Resilience.MutationsPerSecond);
        var convergeWall = Stopwatch.StartNew();
        await ConvergeAsync(op, endpoints, TimeSpan.FromSeconds(floor * 3) + TimeSpan.FromMinutes(30), progress);
        convergeWall.Stop();
        var converged = time.GetUtcNow() - started;
        var callsToConverge = simulator.Calls.Total;
        var createsToConverge = simulator.Calls["ec2:CreateVpcEndpoint"];
        // Each region's last create against its own floor: a region finishing late was left waiting for workers.
        foreach (var region in BenchWorkload.Regions)
        {
            var created = simulator.World.Endpoints(region).Select(e => (e.CreationTimestamp!.Value - started).TotalSeconds).Order().ToList();
            var regionFloor = Math.Max(0, created.Count - Resilience.MutationBurst) / Resilience.MutationsPerSecond;
            progress.WriteLine($"[{endpoints}] {region}: {created.Count} created from {created[0]:0}s to {created[^1]:0}s; its own floor {regionFloor:0}s");
        }
        progress.WriteLine($"[{endpoints}] all Ready after {converged.TotalSeconds:0}s virtual (floor {floor:0}s), {convergeWall.Elapsed.TotalSeconds:0}s wall");

        // Requeues left over from converging (pending endpoints, backoffs) play out before the steady hour is counted.
        await op.AdvanceAsync(2 * interval, TimeSpan.FromSeconds(5));
        var throttledBefore = simulator.Calls.TotalThrottled;
        if (throttledBefore > 0)
            progress.WriteLine($"[{endpoints}] RequestLimitExceeded while converging: {string.Join(", ", simulator.Calls.ThrottledSnapshot().Select(t => $"{t.Key} {t.Value}"))}");
        simulator.Calls.Reset();
        var allocatedBeforeHour = GC.GetTotalAllocatedBytes(precise: true);
        var hour = TimeSpan.FromHours(1);
        var hourWall = Stopwatch.StartNew();
        int reconcilesInHour;
        sampler?.Start();
        using (var reconciles = new ReconcileCounter(op.Metrics))
        {
            await op.AdvanceAsync(hour, TimeSpan.FromSeconds(5));
            reconcilesInHour = reconciles.Count;
        }
        hourWall.Stop();
        sampler?.Stop();
        foreach (var (type, share) in sampler?.Top(25) ?? [])
            progress.WriteLine($"[{endpoints}] allocated in the hour: {share,6:P1} {type}");
        var allocatedAfterHour = GC.GetTotalAllocatedBytes(precise: true);
        var allocatedInHour = allocatedAfterHour - allocatedBeforeHour;
        var callsInHour = simulator.Calls.Snapshot();
        var throttled = throttledBefore + simulator.Calls.TotalThrottled;
        var resyncs = (int)(hour / interval);
        progress.WriteLine($"[{endpoints}] steady hour: {callsInHour.Values.Sum()} AWS calls, {reconcilesInHour} reconciles, {hourWall.Elapsed.TotalSeconds:0}s wall");

        var (workingSet, managedHeap) = MemoryAfterFullGc();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var privateMemory = self.PrivateMemorySize64;
        var gcInfo = GC.GetGCMemoryInfo();
        progress.WriteLine($"[{endpoints}] memory: working set {workingSet / 1048576.0:0} MiB, private {privateMemory / 1048576.0:0} MiB, heap {managedHeap / 1048576.0:0} MiB, GC committed {gcInfo.TotalCommittedBytes / 1048576.0:0} MiB, threads {self.Threads.Count}, modules {self.Modules.Count}");
        progress.WriteLine($"[{endpoints}] memory over the run (the operator, plus what the server and the account gained as it converged them: statuses, watch history, endpoints, events): working set +{(workingSet - workingSetBeforeStart) / 1048576.0:0} MiB, live heap +{(managedHeap - heapBeforeStart) / 1048576.0:0} MiB");

        // Every object once, nothing drifted, no time passing: the wall time the operator needs to look at them all.
        simulator.Calls.Reset();
        int fullResyncReconciles;
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToList();
        var allocatedBeforeFullResync = GC.GetTotalAllocatedBytes(precise: true);
        var fullResync = Stopwatch.StartNew();
        using (var reconciles = new ReconcileCounter(op.Metrics))
        {
            op.Endpoints.EnqueueWhere(_ => true);
            await op.WaitForIdleAsync();
            fullResync.Stop();
            fullResyncReconciles = reconciles.Count;
        }
        var perReconcileInFullResync = AllocationPerReconcile.Of(allocatedBeforeFullResync, GC.GetTotalAllocatedBytes(precise: true), fullResyncReconciles);
        var perReconcileInHour = AllocationPerReconcile.Of(allocatedBeforeHour, allocatedAfterHour, reconcilesInHour);
        var fullResyncGcPause = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
        progress.WriteLine($"[{endpoints}] full clean resync: {fullResyncReconciles} reconciles in {fullResync.Elapsed.TotalSeconds:0.00}s wall, " +
            $"GC paused {fullResyncGcPause.TotalSeconds:0.00}s, gen0/1/2 collections {collections}");
        progress.WriteLine($"[{endpoints}] allocated per clean reconcile: {AllocationPerReconcile.Text(perReconcileInHour)} in the steady hour, " +
            $"{AllocationPerReconcile.Text(perReconcileInFullResync)} in the full clean resync");

        var (operatorWorkingSet, operatorHeap) = await OperatorShareAsync(op, simulator);
        progress.WriteLine($"[{endpoints}] the operator's share (stopped, with its caches; the store and the account emptied): working set {operatorWorkingSet / 1048576.0:0} MiB, live heap {operatorHeap / 1048576.0:0} MiB");

        return new SizeResult
        {
            Endpoints = endpoints,
            Run = run,
            GcSettings = GcSettingsText.OfThisProcess(),
            ProcessWallSeconds = process.Elapsed.TotalSeconds,
            ReadyWallMilliseconds = ready.Elapsed.TotalMilliseconds,
            ConvergedVirtualSeconds = converged.TotalSeconds,
            ConvergeFloorSeconds = floor,
            ConvergeWallSeconds = convergeWall.Elapsed.TotalSeconds,
            AwsCallsToConverge = callsToConverge,
            CreatesToConverge = createsToConverge,
            ThrottledByAws = throttled + simulator.Calls.TotalThrottled, // the full resync's, counted since the last reset
            ResyncsInHour = resyncs,
            CallsPerCleanResyncByOperation = callsInHour.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value / (double)resyncs),
            CallsPerCleanResync = callsInHour.Values.Sum() / (double)resyncs,
            AwsCallsInHour = callsInHour.Values.Sum(),
            MutatingCallsInHour = Mutations.Sum(m => callsInHour.GetValueOrDefault(m)),
            ReconcilesInHour = reconcilesInHour,
            SteadyHourWallSeconds = hourWall.Elapsed.TotalSeconds,
            FullResyncWallSeconds = fullResync.Elapsed.TotalSeconds,
            FullResyncReconciles = fullResyncReconciles,
            FullResyncGcPauseSeconds = fullResyncGcPause.TotalSeconds,
            FullResyncAwsCalls = simulator.Calls.Total,
            WorkingSetMiB = workingSet / 1048576.0,
            PrivateMemoryMiB = privateMemory / 1048576.0,
            ManagedHeapMiB = managedHeap / 1048576.0,
            WorkingSetBeforeStartMiB = workingSetBeforeStart / 1048576.0,
            ManagedHeapBeforeStartMiB = heapBeforeStart / 1048576.0,
            GcCommittedMiB = gcInfo.TotalCommittedBytes / 1048576.0,
            OperatorWorkingSetMiB = operatorWorkingSet / 1048576.0,
            OperatorHeapMiB = operatorHeap / 1048576.0,
            AllocatedMiB = GC.GetTotalAllocatedBytes(precise: true) / 1048576.0,
            AllocatedInHourMiB = allocatedInHour / 1048576.0,
            AllocatedPerReconcileInHourBytes = perReconcileInHour,
            AllocatedPerReconcileInFullResyncBytes = perReconcileInFullResync,
        };
    }

    /// <summary>Working set and live GC heap after a full blocking compacting collection.</summary>
    private static (long WorkingSet, long LiveHeap) MemoryAfterFullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return (Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>The operator apart from the simulator that shares its process: once it has stopped (its informer caches,
    /// snapshot, queues and metrics still held), the in-memory API server's objects, history and events and the simulated
    /// account are dropped, and an aggressive collection hands their memory back to the system, as a process that never held
    /// them would not have it. What is left is the runtime, the code and the operator's own state.</summary>
    private static async Task<(long WorkingSet, long LiveHeap)> OperatorShareAsync(InMemoryOperator op, AwsSimulator simulator)
    {
        await op.StopAsync();
        op.Kube.Discard();
        simulator.World.Discard();
        MemoryAfterFullGc();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // The operator's state must still be there, or the figure would weigh nothing.
        if (op.Endpoints.Informers.Sum(informer => informer.Cache.List().Count) == 0)
            throw new InvalidOperationException("the stopped operator's caches are empty");
        return (Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>Advances virtual time until every object is Ready. Creating thousands takes hours of virtual time at 0.3/s:
    /// a second per step keeps the figure exact to a second, and most steps only hand out a token.</summary>
    private static async Task ConvergeAsync(InMemoryOperator op, int endpoints, TimeSpan limit, TextWriter progress)
    {
        var step = TimeSpan.FromSeconds(1);
        var report = TimeSpan.FromMinutes(30);
        await op.WaitForIdleAsync();
        for (var moved = TimeSpan.Zero; !AllReady(op, endpoints); moved += step)
        {
            if (moved >= limit)
                throw new InvalidOperationException($"{endpoints}: {ReadyCount(op)} of {endpoints} Ready after {limit}");
            if (moved > TimeSpan.Zero && moved.Ticks % report.Ticks == 0)
                progress.WriteLine($"[{endpoints}] {moved.TotalMinutes:0} min virtual: {op.Aws.Calls["ec2:CreateVpcEndpoint"]} creates");
            op.Time.Advance(step);
            await op.WaitForIdleAsync();
        }
    }

    // Counting Ready in the cache is O(N): only worth it once every endpoint has been asked for.
    private static bool AllReady(InMemoryOperator op, int endpoints) =>
        op.Aws.Calls["ec2:CreateVpcEndpoint"] >= endpoints && ReadyCount(op) == endpoints;

    private static int ReadyCount(InMemoryOperator op) =>
        op.Endpoints.Informers.Sum(informer => informer.Cache.List().Count(IsReady));

    private static bool IsReady(VpcEndpoint endpoint) =>
        endpoint.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true;
}
