using System.Globalization;
using System.Text;

namespace Vpce.Bench;

/// <summary>The run across accounts' part of bench/results.md (issue 25): per size and run the totals, every account-region
/// against its own floor with its AWS calls per clean resync, every role's STS sessions, and the issue's targets.</summary>
public static class AccountsTable
{
    /// <summary>Issue 25's targets.</summary>
    public const double FloorSlack = 1.10;
    public const double CallsPerAccountRegionBudget = 30;
    public const int SessionsPerRoleHour = 2;
    public const double OperatorShareMiB = 160;
    public const int ShareJudgedAt = 10_000;

    public static string Build(IReadOnlyList<SizeResult> results, IReadOnlyList<int> sizes, int runs, BenchShape shape, TimeSpan harnessWall)
    {
        var text = new StringBuilder();
        var ordered = results.OrderBy(r => r.Endpoints).ThenBy(r => r.Run).ToList();
        Line(text, $"Written by `dotnet run -c Release --project bench/Vpce.Bench -- {string.Join(' ', sizes)} {shape.Flags}` on {DateTime.UtcNow:yyyy-MM-dd}: " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} run(s) of every size, each in a process of its own; " +
            $"the harness took {harnessWall.TotalMinutes:0.0} min of wall time; {shape.Describe}; the children ran " +
            $"{string.Join("; ", ordered.Select(r => r.GcSettings).Distinct())}.");
        Line(text, "");
        Line(text, "Totals (converge: virtual time until every object is Ready, against the slowest account-region's floor; worst account-region: " +
            "the largest ratio of an account-region's last Ready to its own floor; AWS calls per clean resync: the steady hour's calls in one account " +
            "and region / 30 intervals, fewest–most over the account-regions; STS: AssumeRole over the whole simulated span, and the most sessions " +
            "one role was issued within any hour-long window; memory as in the one-account table):");
        Line(text, "");
        Line(text, "| endpoints | run | account-regions | converge (virtual) | floor | ratio | worst account-region (ratio) | AWS calls per clean resync per account-region | " +
            "mutating calls in the hour | RequestLimitExceeded | AssumeRole calls / simulated hours | sessions per role per hour (mean / most in any hour) | " +
            "working set (whole / before start) | the operator's share (working set / live heap) | allocated per clean reconcile (steady hour / full clean resync) | " +
            "converge (wall) | ready (wall) | full clean resync (wall) | process wall |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            var worst = Worst(r);
            var calls = r.AccountRegions.Select(a => a.CallsPerCleanResync).DefaultIfEmpty().ToList();
            var perHour = r.Roles.Count > 0 && r.SimulatedHours > 0 ? r.Roles.Average(x => x.Sessions) / r.SimulatedHours : 0;
            Line(text, $"| {r.Endpoints:N0} | {r.Run} | {r.AccountRegions.Count} ({r.Accounts} × {r.RegionsPerAccount}) | {F(r.ConvergedVirtualSeconds, 0)} s | " +
                $"{F(r.ConvergeFloorSeconds, 0)} s | {F(r.ConvergedVirtualSeconds / r.ConvergeFloorSeconds, 3)} | {worst?.Account} {worst?.Region} (×{F(Ratio(worst), 3)}) | " +
                $"{F(calls.Min(), 1)}–{F(calls.Max(), 1)} (mean {F(calls.Average(), 1)}) | {r.MutatingCallsInHour} | {r.ThrottledByAws} | " +
                $"{r.AssumeRoleCalls} / {F(r.SimulatedHours, 2)} h | {F(perHour, 2)} / {MostInAnyHour(r)} | " +
                $"{F(r.WorkingSetMiB, 0)} / {F(r.WorkingSetBeforeStartMiB, 0)} MiB | {F(r.OperatorWorkingSetMiB, 0)} / {F(r.OperatorHeapMiB, 0)} MiB | " +
                $"{AllocationPerReconcile.Text(r.AllocatedPerReconcileInHourBytes)} / {AllocationPerReconcile.Text(r.AllocatedPerReconcileInFullResyncBytes)} | " +
                $"{F(r.ConvergeWallSeconds, 0)} s | {F(r.ReadyWallMilliseconds, 0)} ms | {F(r.FullResyncWallSeconds, 2)} s ({r.FullResyncReconciles:N0} reconciles, {r.FullResyncAwsCalls} AWS calls) | " +
                $"{F(r.ProcessWallSeconds, 0)} s |");
        }
        Line(text, "");
        Line(text, "Every account-region (floor: (N − 4) / 0.3 s of its own mutation pacing; last Ready: virtual time from start to the latest " +
            "Ready=True transition of its objects; creates: the first and last endpoint's creation time; calls: the steady hour's in this account and region):");
        Line(text, "");
        Line(text, "| endpoints | run | account | region | objects | floor | last Ready | ratio | creates (first–last) | AWS calls per clean resync | by operation, per resync | mutating calls in the hour |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            foreach (var a in r.AccountRegions)
            {
                var byOperation = string.Join(", ", a.CallsPerCleanResyncByOperation.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => $"{c.Key.Replace("ec2:", "", StringComparison.Ordinal)} {F(c.Value, 1)}"));
                Line(text, $"| {r.Endpoints:N0} | {r.Run} | {a.Account} | {a.Region} | {a.Endpoints:N0} | {F(a.FloorSeconds, 0)} s | {F(a.ConvergedVirtualSeconds, 0)} s | " +
                    $"{F(Ratio(a), 3)} | {F(a.FirstCreateSeconds, 0)}–{F(a.LastCreateSeconds, 0)} s | {F(a.CallsPerCleanResync, 1)} | {byOperation} | {a.MutatingCallsInHour} |");
            }
        }
        Line(text, "");
        Line(text, "Every role (sessions STS issued for it over the whole simulated span; calls in its account without a region in the steady hour, " +
            "which the per account-region figures leave out):");
        Line(text, "");
        Line(text, "| endpoints | run | account | sessions | in the steady hour | most in any hour | calls without a region in the steady hour |");
        Line(text, "|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            foreach (var role in r.Roles)
            {
                Line(text, $"| {r.Endpoints:N0} | {r.Run} | {role.Account} | {role.Sessions} | {role.SessionsInSteadyHour} | {role.MostInAnyHour} | " +
                    $"{string.Join(", ", role.CallsWithoutRegionInHour.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))} |");
            }
        }
        Line(text, "");
        Line(text, "Targets (issue 25), every run:");
        Line(text, "");
        Line(text, "| target | measured | met |");
        Line(text, "|---|---|---|");
        Line(text, $"| every account-region converges within 10 % of its own floor, no RequestLimitExceeded | " +
            $"{string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: worst ×{F(Ratio(Worst(r)), 3)}, {r.ThrottledByAws} throttled"))} | " +
            $"{Met(ordered.All(r => r.AccountRegions.All(a => Ratio(a) <= FloorSlack) && r.ThrottledByAws == 0))} |");
        Line(text, $"| a clean resync makes at most {CallsPerAccountRegionBudget:0} AWS calls per account-region (issue 11's budget: pages and VPCs, not objects) | " +
            $"{string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: at most {F(r.AccountRegions.Select(a => a.CallsPerCleanResync).DefaultIfEmpty().Max(), 1)}"))} | " +
            $"{Met(ordered.All(r => r.AccountRegions.All(a => a.CallsPerCleanResync <= CallsPerAccountRegionBudget)))} |");
        Line(text, $"| zero mutating calls while nothing drifted | {string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: {r.MutatingCallsInHour}"))} | " +
            $"{Met(ordered.All(r => r.MutatingCallsInHour == 0))} |");
        Line(text, $"| at most {SessionsPerRoleHour} STS AssumeRole per role per hour (most in any hour-long window) | " +
            $"{string.Join("; ", ordered.Select(r => $"{r.Endpoints:N0}: {MostInAnyHour(r)} over {F(r.SimulatedHours, 2)} h"))} | " +
            $"{Met(ordered.All(r => r.Roles.Count > 0 && MostInAnyHour(r) <= SessionsPerRoleHour))} |");
        var largest = ordered.Where(r => r.Endpoints >= ShareJudgedAt).ToList();
        if (largest.Count > 0)
        {
            Line(text, $"| {ShareJudgedAt:N0} objects: the operator's share of the working set under {OperatorShareMiB:0} MiB | " +
                $"{string.Join("; ", largest.Select(r => $"{F(r.OperatorWorkingSetMiB, 0)} MiB (live heap {F(r.OperatorHeapMiB, 0)})"))} | " +
                $"{Met(largest.All(r => r.OperatorWorkingSetMiB < OperatorShareMiB))} |");
        }
        return text.ToString();
    }

    /// <summary>The account-region that took longest against its own floor.</summary>
    public static AccountRegionResult? Worst(SizeResult result) => result.AccountRegions.MaxBy(Ratio);

    public static double Ratio(AccountRegionResult? a) => a is null || a.FloorSeconds <= 0 ? 0 : a.ConvergedVirtualSeconds / a.FloorSeconds;

    private static int MostInAnyHour(SizeResult r) => r.Roles.Select(x => x.MostInAnyHour).DefaultIfEmpty().Max();

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string F(double value, int decimals) => value.ToString($"N{decimals}", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
