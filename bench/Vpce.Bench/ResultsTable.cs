using System.Globalization;
using System.Text;

namespace Vpce.Bench;

/// <summary>The harness's own part of bench/results.md: what was run, the figures of every run, and the issue's targets
/// beside them.</summary>
public static class ResultsTable
{
    public static string Build(IReadOnlyList<SizeResult> results, IReadOnlyList<int> sizes, int runs, TimeSpan harnessWall)
    {
        var text = new StringBuilder();
        var ordered = results.OrderBy(r => r.Endpoints).ThenBy(r => r.Run).ToList();
        Line(text, $"Written by `dotnet run -c Release --project bench/Vpce.Bench -- {string.Join(' ', sizes)}` on {DateTime.UtcNow:yyyy-MM-dd}: " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} runs of every size, each size in a process of its own; " +
            $"the harness took {harnessWall.TotalMinutes:0.0} min of wall time. The children ran the image's collector settings, and the JIT " +
            $"without the dynamic PGO tier the native image does not have: " +
            $"{string.Join("; ", ordered.Select(r => r.GcSettings).Distinct())}.");
        Line(text, "");
        Line(text, "AWS cost (steady hour after convergence; per clean resync = the hour's calls / 30 intervals):");
        Line(text, "");
        Line(text, "| endpoints | run | AWS calls per clean resync | per region | by operation, per resync | mutating calls in the hour | AWS calls per hour | reconciles per hour | RequestLimitExceeded from AWS |");
        Line(text, "|---|---|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            var byOperation = string.Join(", ", r.CallsPerCleanResyncByOperation.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key.Replace("ec2:", "", StringComparison.Ordinal)} {F(c.Value, 1)}"));
            Line(text, $"| {r.Endpoints:N0} | {r.Run} | {F(r.CallsPerCleanResync, 1)} | {F(r.CallsPerCleanResync / BenchWorkload.Regions.Count, 1)} | {byOperation} | " +
                $"{r.MutatingCallsInHour} | {r.AwsCallsInHour:N0} | {r.ReconcilesInHour:N0} | {r.ThrottledByAws} |");
        }
        Line(text, "");
        Line(text, "Time and memory (converge: virtual time from start until every object is Ready, against the slowest region's " +
            "floor (N_region − 4) / 0.3 s; ready and full clean resync: wall time; memory after a full compacting GC at the end of the steady hour, for the whole " +
            "process; *before start*: the same after the API server's store and the simulated account were seeded, before the operator started; " +
            "*increment*: the difference, which is the operator's caches and state plus what the server and the account gained as the operator " +
            "converged them (a status on every object, the watch history, every simulated endpoint, events), so an upper bound of the operator's share; " +
            "*the operator's share*: last, the operator stopped with all its state (informer caches, snapshot, queues, metrics), the API server's " +
            "objects, history and events and the simulated account dropped, after an aggressive GC that returns freed memory to the system: the runtime, " +
            "the code and the operator's own state, which is what the process would hold without the simulator beside it; " +
            "*allocated per clean reconcile*: the bytes the process allocated divided by the reconciles counted, in the steady hour " +
            "(its regional AWS reads and the simulator's answers charged to the reconciles too) / in the full clean resync (no AWS call, no time passing)):");
        Line(text, "");
        Line(text, "| endpoints | run | converge (virtual) | floor | ratio | converge (wall) | ready (wall) | full clean resync (wall) | working set | private | GC heap (live / committed) | before start (working set / live heap) | increment (working set / live heap) | the operator's share (working set / live heap) | allocated, whole run | allocated in the steady hour | allocated per clean reconcile (steady hour / full clean resync) | process wall |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            Line(text, $"| {r.Endpoints:N0} | {r.Run} | {F(r.ConvergedVirtualSeconds, 0)} s | {F(r.ConvergeFloorSeconds, 0)} s | {F(r.ConvergedVirtualSeconds / r.ConvergeFloorSeconds, 3)} | " +
                $"{F(r.ConvergeWallSeconds, 0)} s | {F(r.ReadyWallMilliseconds, 0)} ms | {F(r.FullResyncWallSeconds, 2)} s ({r.FullResyncReconciles:N0} reconciles, {r.FullResyncAwsCalls} AWS calls, GC paused {F(r.FullResyncGcPauseSeconds, 2)} s) | " +
                $"{F(r.WorkingSetMiB, 0)} MiB | {F(r.PrivateMemoryMiB, 0)} MiB | {F(r.ManagedHeapMiB, 0)} / {F(r.GcCommittedMiB, 0)} MiB | " +
                $"{F(r.WorkingSetBeforeStartMiB, 0)} / {F(r.ManagedHeapBeforeStartMiB, 0)} MiB | {F(r.WorkingSetMiB - r.WorkingSetBeforeStartMiB, 0)} / {F(r.ManagedHeapMiB - r.ManagedHeapBeforeStartMiB, 0)} MiB | {F(r.OperatorWorkingSetMiB, 0)} / {F(r.OperatorHeapMiB, 0)} MiB | {F(r.AllocatedMiB, 0)} MiB | {F(r.AllocatedInHourMiB, 0)} MiB | " +
                $"{AllocationPerReconcile.Text(r.AllocatedPerReconcileInHourBytes)} / {AllocationPerReconcile.Text(r.AllocatedPerReconcileInFullResyncBytes)} | {F(r.ProcessWallSeconds, 0)} s |");
        }
        Line(text, "");
        Line(text, "Targets (issue 11), every run:");
        Line(text, "");
        Line(text, "| target | measured | met |");
        Line(text, "|---|---|---|");
        var perRegion = ordered.Select(r => $"{r.Endpoints / BenchWorkload.Regions.Count:N0} per region: {F(r.CallsPerCleanResync / BenchWorkload.Regions.Count, 1)}");
        Line(text, $"| a clean resync at 1,000 endpoints in one region makes at most 30 AWS calls | {string.Join("; ", perRegion)} | see the notes |");
        Line(text, $"| zero mutating calls while nothing drifted | {string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: {r.MutatingCallsInHour}"))} | {Met(ordered.All(r => r.MutatingCallsInHour == 0))} |");
        var largest = ordered.Where(r => r.Endpoints >= 10_000).ToList();
        if (largest.Count > 0)
        {
            Line(text, $"| 10,000 objects: working set under 150 MiB, the whole process (the simulated API server and account in it) | {string.Join("; ", largest.Select(r => $"{F(r.WorkingSetMiB, 0)} MiB (before start {F(r.WorkingSetBeforeStartMiB, 0)}, increment {F(r.WorkingSetMiB - r.WorkingSetBeforeStartMiB, 0)})"))} | {Met(largest.All(r => r.WorkingSetMiB < 150))} |");
            Line(text, $"| 10,000 objects: working set under 150 MiB, the operator's share | {string.Join("; ", largest.Select(r => $"{F(r.OperatorWorkingSetMiB, 0)} MiB (live heap {F(r.OperatorHeapMiB, 0)})"))} | {Met(largest.All(r => r.OperatorWorkingSetMiB < 150))} |");
            Line(text, $"| 10,000 objects: ready within 3 s of start with the objects present | {string.Join("; ", largest.Select(r => $"{F(r.ReadyWallMilliseconds, 0)} ms"))} | {Met(largest.All(r => r.ReadyWallMilliseconds < 3000))} |");
            Line(text, $"| 10,000 objects: a full clean resync in under 10 s of wall time | {string.Join("; ", largest.Select(r => $"{F(r.FullResyncWallSeconds, 2)} s"))} | {Met(largest.All(r => r.FullResyncWallSeconds < 10))} |");
        }
        Line(text, $"| creating N endpoints within 10 % of the floor, no RequestLimitExceeded | {string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: ×{F(r.ConvergedVirtualSeconds / r.ConvergeFloorSeconds, 3)}, {r.ThrottledByAws} throttled"))} | " +
            $"{Met(ordered.All(r => r.ConvergedVirtualSeconds <= r.ConvergeFloorSeconds * 1.1 && r.ThrottledByAws == 0))} |");
        return text.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string F(double value, int decimals) => value.ToString($"N{decimals}", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
