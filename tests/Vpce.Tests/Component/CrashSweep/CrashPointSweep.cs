namespace Vpce.Tests.Component.CrashSweep;

/// <summary>Runs a scenario once without a crash to count its mutating calls, then once per (crash point, downtime action):
/// the operator is killed right after the k-th mutating call (applied, unanswered), the object is left alone, deleted or
/// edited while it is down, a fresh operator starts on the same store and account, and the scenario's invariants must
/// hold once it settles, and again after the object is deleted. All in virtual time.</summary>
public static class CrashPointSweep
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromMinutes(15);

    /// <param name="propagationDelay">EC2's eventual consistency on the simulated account (zero: every read current).</param>
    public static async Task<SweepResult> RunAsync(Func<ICrashScenario> scenario, TimeSpan propagationDelay = default)
    {
        var (calls, clean) = await RunCleanAsync(scenario(), propagationDelay);
        var failures = new List<string>();
        if (clean is not null)
        {
            failures.Add($"without a crash: {clean}");
        }
        var runs = 0;
        for (var k = 1; k <= calls.Count; k++)
        {
            foreach (var action in Enum.GetValues<DowntimeAction>())
            {
                runs++;
                if (await RunCrashedAsync(scenario(), k, action, propagationDelay) is { } violation)
                {
                    failures.Add($"crash after call {k} ({calls[k - 1]}), {action} while down: {violation}");
                }
            }
        }
        return new SweepResult(scenario().Name, calls.Count, runs, failures);
    }

    private static async Task<(IReadOnlyList<string> Calls, string? Violation)> RunCleanAsync(ICrashScenario scenario, TimeSpan propagationDelay)
    {
        await using var world = new SweepWorld(propagationDelay);
        await scenario.SetUpAsync(world);
        world.AfterSetUp();
        var counting = new CrashSwitch(0);
        world.StartOperator(counting);
        foreach (var step in scenario.Steps)
        {
            await step.Act(world);
            await world.AdvanceAsync(step.RunFor);
        }
        return (counting.Calls, await world.RunUntilHoldsAsync(() => scenario.Violation(world), RecoveryLimit));
    }

    private static async Task<string?> RunCrashedAsync(ICrashScenario scenario, int crashAfter, DowntimeAction action, TimeSpan propagationDelay)
    {
        await using var world = new SweepWorld(propagationDelay);
        await scenario.SetUpAsync(world);
        world.AfterSetUp();
        var crash = new CrashSwitch(crashAfter);
        world.StartOperator(crash);
        foreach (var step in scenario.Steps)
        {
            try
            {
                await step.Act(world);
            }
            catch (Exception e) when (e is not ProcessCrashedException)
            {
                // A step that finds AWS not as the clean run left it: this run's operator had not done the same by then.
                return $"step \"{step.Name}\" found AWS otherwise: {e.GetType().Name}: {e.Message}";
            }
            await world.AdvanceAsync(step.RunFor);
            if (crash.Crashed)
            {
                break;
            }
        }
        if (!crash.Crashed)
        {
            return $"the run made only {crash.Count} mutating calls";
        }
        await world.StopOperatorAsync();
        if (scenario.Exists(world))
        {
            switch (action)
            {
                case DowntimeAction.Delete:
                    scenario.Delete(world);
                    break;
                case DowntimeAction.Edit:
                    scenario.Edit(world);
                    break;
            }
        }
        world.StartOperator(new CrashSwitch(0));
        if (await world.RunUntilHoldsAsync(() => scenario.Violation(world), RecoveryLimit) is { } afterRestart)
        {
            return $"after the restart: {afterRestart}";
        }
        if (scenario.Exists(world))
        {
            scenario.Delete(world);
            if (await world.RunUntilHoldsAsync(() => scenario.Exists(world) ? "the object is not deleted yet" : scenario.Violation(world), RecoveryLimit) is { } afterDelete)
            {
                return $"deleting after the restart: {afterDelete}";
            }
        }
        return null;
    }
}
