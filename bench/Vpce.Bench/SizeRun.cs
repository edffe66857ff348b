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

    public static async Task<SizeResult> RunAsync(int endpoints, int run, TextWriter progress, AllocationSampler? sampler = null, BenchShape? shape = null)
    {
        shape ??= BenchShape.OneAccount;
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
        // Every account's simulator (the home account first): calls, throttling and endpoints are per account.
        List<AwsSimulator> accounts = [simulator];
        if (shape.IsManyAccounts)
            accounts.AddRange(ManyAccountsWorkload.Build(simulator, op.Kube, shape, endpoints).Select(a => a.Aws));
        else
            BenchWorkload.Build(simulator.World, op.Kube.VpcEndpoints, endpoints);
        var targets = ManyAccountsWorkload.Targets(shape, endpoints);
        AwsSimulator AwsOf(BenchTarget target) => simulator.Account(target.AccountId)!;
        progress.WriteLine($"[{endpoints}] world built in {process.Elapsed.TotalSeconds:0.0}s: {shape.Describe}, {targets.Count} account-regions");
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

        var floor = targets.Max(t => ManyAccountsWorkload.Floor(t.Endpoints, Resilience.MutationBurst, Resilience.MutationsPerSecond));
        var convergeWall = Stopwatch.StartNew();
        int Creates() => accounts.Sum(a => a.Calls["ec2:CreateVpcEndpoint"]);
        await ConvergeAsync(op, endpoints, Creates, TimeSpan.FromSeconds(floor * 3) + TimeSpan.FromMinutes(30), progress);
        convergeWall.Stop();
        var converged = time.GetUtcNow() - started;
        var callsToConverge = accounts.Sum(a => a.Calls.Total);
        var createsToConverge = Creates();
        // Each account-region against its own floor: its last object Ready (the latest Ready=True transition) and its creates.
        var readyAt = ReadyTimes(op, started);
        var convergedTargets = new List<AccountRegionResult>();
        foreach (var target in targets)
        {
            var created = AwsOf(target).World.Endpoints(target.Region).Select(e => (e.CreationTimestamp!.Value - started).TotalSeconds).Order().ToList();
            var targetFloor = ManyAccountsWorkload.Floor(target.Endpoints, Resilience.MutationBurst, Resilience.MutationsPerSecond);
            var lastReady = readyAt.GetValueOrDefault((target.Namespace, target.Region));
            convergedTargets.Add(new AccountRegionResult
            {
                Account = target.Account, Region = target.Region, Endpoints = target.Endpoints, FloorSeconds = targetFloor,
                ConvergedVirtualSeconds = lastReady, FirstCreateSeconds = created.Count > 0 ? created[0] : 0, LastCreateSeconds = created.Count > 0 ? created[^1] : 0,
            });
            progress.WriteLine($"[{endpoints}] {target.Account} {target.Region}: {created.Count} created from {(created.Count > 0 ? created[0] : 0):0}s to " +
                $"{(created.Count > 0 ? created[^1] : 0):0}s, last Ready at {lastReady:0}s; its own floor {targetFloor:0}s (×{lastReady / targetFloor:0.000})");
        }
        progress.WriteLine($"[{endpoints}] all Ready after {converged.TotalSeconds:0}s virtual (floor {floor:0}s), {convergeWall.Elapsed.TotalSeconds:0}s wall");

        // Requeues left over from converging (pending endpoints, backoffs) play out before the steady hour is counted.
        await op.AdvanceAsync(2 * interval, TimeSpan.FromSeconds(5));
        var throttledBefore = accounts.Sum(a => a.Calls.TotalThrottled);
        if (throttledBefore > 0)
            progress.WriteLine($"[{endpoints}] RequestLimitExceeded while converging: {string.Join(", ", accounts.SelectMany(a => a.Calls.ThrottledSnapshot()).Select(t => $"{t.Key} {t.Value}"))}");
        var assumeRoleCalls = accounts.Sum(a => a.Calls["sts:AssumeRole"]);
        foreach (var account in accounts) account.Calls.Reset();
        var hourStarted = time.GetUtcNow();
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
        var callsInHour = accounts.SelectMany(a => a.Calls.Snapshot()).GroupBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        var throttled = throttledBefore + accounts.Sum(a => a.Calls.TotalThrottled);
        assumeRoleCalls += accounts.Sum(a => a.Calls["sts:AssumeRole"]);
        var hourEnded = time.GetUtcNow();
        var resyncs = (int)(hour / interval);
        var accountRegions = convergedTargets.Select(t =>
        {
            var calls = AwsOf(targets.First(x => x.Account == t.Account)).Calls.SnapshotIn(t.Region);
            return t with
            {
                CallsPerCleanResync = calls.Values.Sum() / (double)resyncs,
                CallsPerCleanResyncByOperation = calls.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value / (double)resyncs),
                MutatingCallsInHour = Mutations.Sum(m => calls.GetValueOrDefault(m)),
            };
        }).ToList();
        var sessions = simulator.IssuedSessions;
        var roles = shape.IsManyAccounts
            ? ManyAccountsWorkload.Accounts(shape).Select(a =>
            {
                var issued = sessions.Where(s => s.RoleArn == a.RoleArn).Select(s => s.IssuedAt).ToList();
                var aws = simulator.Account(a.AccountId)!;
                var regional = shape.RegionNames.SelectMany(r => aws.Calls.SnapshotIn(r)).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
                return new RoleSessionsResult
                {
                    Account = a.Name, RoleArn = a.RoleArn, Sessions = issued.Count,
                    SessionsInSteadyHour = issued.Count(at => at >= hourStarted && at < hourEnded),
                    MostInAnyHour = StsWindow.MostInAnyWindow(issued, TimeSpan.FromHours(1)),
                    CallsWithoutRegionInHour = aws.Calls.Snapshot().Select(c => (c.Key, Value: c.Value - regional.GetValueOrDefault(c.Key)))
                        .Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
                };
            }).ToList()
            : [];
        foreach (var role in roles)
            progress.WriteLine($"[{endpoints}] {role.Account}: {role.Sessions} sessions over {(hourEnded - started).TotalHours:0.00} h, {role.SessionsInSteadyHour} in the steady hour, " +
                $"at most {role.MostInAnyHour} in any hour; without a region in the hour: {string.Join(", ", role.CallsWithoutRegionInHour.Select(c => $"{c.Key} {c.Value}"))}");
        progress.WriteLine($"[{endpoints}] steady hour: {callsInHour.Values.Sum()} AWS calls, {reconcilesInHour} reconciles, {hourWall.Elapsed.TotalSeconds:0}s wall");

        var (workingSet, managedHeap) = MemoryAfterFullGc();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var privateMemory = self.PrivateMemorySize64;
        var gcInfo = GC.GetGCMemoryInfo();
        progress.WriteLine($"[{endpoints}] memory: working set {workingSet / 1048576.0:0} MiB, private {privateMemory / 1048576.0:0} MiB, heap {managedHeap / 1048576.0:0} MiB, GC committed {gcInfo.TotalCommittedBytes / 1048576.0:0} MiB, threads {self.Threads.Count}, modules {self.Modules.Count}");
        progress.WriteLine($"[{endpoints}] memory over the run (the operator, plus what the server and the account gained as it converged them: statuses, watch history, endpoints, events): working set +{(workingSet - workingSetBeforeStart) / 1048576.0:0} MiB, live heap +{(managedHeap - heapBeforeStart) / 1048576.0:0} MiB");

        // Every object once, nothing drifted, no time passing: the wall time the operator needs to look at them all.
        foreach (var account in accounts) account.Calls.Reset();
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

        var fullResyncAwsCalls = accounts.Sum(a => a.Calls.Total);
        var fullResyncThrottled = accounts.Sum(a => a.Calls.TotalThrottled);
        var (operatorWorkingSet, operatorHeap) = await OperatorShareAsync(op, accounts);
        progress.WriteLine($"[{endpoints}] the operator's share (stopped, with its caches; the store and the account emptied): working set {operatorWorkingSet / 1048576.0:0} MiB, live heap {operatorHeap / 1048576.0:0} MiB");

        return new SizeResult
        {
            Endpoints = endpoints,
            Run = run,
            Accounts = shape.Accounts,
            RegionsPerAccount = shape.Regions,
            AccountRegions = accountRegions,
            Roles = roles,
            AssumeRoleCalls = assumeRoleCalls,
            SimulatedHours = (hourEnded - started).TotalHours,
            GcSettings = GcSettingsText.OfThisProcess(),
            ProcessWallSeconds = process.Elapsed.TotalSeconds,
            ReadyWallMilliseconds = ready.Elapsed.TotalMilliseconds,
            ConvergedVirtualSeconds = converged.TotalSeconds,
            ConvergeFloorSeconds = floor,
            ConvergeWallSeconds = convergeWall.Elapsed.TotalSeconds,
            AwsCallsToConverge = callsToConverge,
            CreatesToConverge = createsToConverge,
            ThrottledByAws = throttled + fullResyncThrottled, // the full resync's, counted since the last reset
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
            FullResyncAwsCalls = fullResyncAwsCalls,
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
    private static async Task<(long WorkingSet, long LiveHeap)> OperatorShareAsync(InMemoryOperator op, IReadOnlyList<AwsSimulator> accounts)
    {
        await op.StopAsync();
        op.Kube.Discard();
        foreach (var account in accounts) account.World.Discard();
        MemoryAfterFullGc();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // The operator's state must still be there, or the figure would weigh nothing.
        if (op.Endpoints.Informers.Sum(informer => informer.Cache.List().Count) == 0)
            throw new InvalidOperationException("the stopped operator's caches are empty");
        return (Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>Advances virtual time until every object is Ready. Creating thousands takes hours of virtual time at 0.3/s:
    /// a second per step keeps the figure exact to a second, and most steps only hand out a token.</summary>
    private static async Task ConvergeAsync(InMemoryOperator op, int endpoints, Func<int> creates, TimeSpan limit, TextWriter progress)
    {
        var step = TimeSpan.FromSeconds(1);
        var report = TimeSpan.FromMinutes(30);
        await op.WaitForIdleAsync();
        for (var moved = TimeSpan.Zero; !AllReady(op, endpoints, creates()); moved += step)
        {
            if (moved >= limit)
                throw new InvalidOperationException($"{endpoints}: {ReadyCount(op)} of {endpoints} Ready after {limit}");
            if (moved > TimeSpan.Zero && moved.Ticks % report.Ticks == 0)
                progress.WriteLine($"[{endpoints}] {moved.TotalMinutes:0} min virtual: {creates()} creates");
            op.Time.Advance(step);
            await op.WaitForIdleAsync();
        }
    }

    // Counting Ready in the cache is O(N): only worth it once every endpoint has been asked for.
    private static bool AllReady(InMemoryOperator op, int endpoints, int creates) =>
        creates >= endpoints && ReadyCount(op) == endpoints;

    /// <summary>Per namespace and region, virtual seconds from <paramref name="started"/> to the latest Ready=True transition
    /// of its objects: when the last of them turned Ready.</summary>
    private static Dictionary<(string Namespace, string Region), double> ReadyTimes(InMemoryOperator op, DateTimeOffset started) =>
        op.Endpoints.Informers.SelectMany(informer => informer.Cache.List())
            .Select(e => (Key: (e.Metadata.Namespace ?? "", e.Spec.Region ?? ""),
                Ready: e.Status?.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True)))
            .Where(x => x.Ready is not null)
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Max(x => (x.Ready!.LastTransitionTime - started).TotalSeconds));

    private static int ReadyCount(InMemoryOperator op) =>
        op.Endpoints.Informers.Sum(informer => informer.Cache.List().Count(IsReady));

    private static bool IsReady(VpcEndpoint endpoint) =>
        endpoint.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true;
}
