namespace Vpce.Operator.Controllers;

/// <summary>One named, timed step of a kind's reconcile (validate, resolve, read, plan, apply, ...). <paramref name="AfterStop"/>:
/// it runs even when an earlier phase refused or an AWS call failed (the checks, which explain a refusal or a failure).</summary>
public sealed record ReconcilePhase<TPass>(string Name, Func<TPass, CancellationToken, ValueTask<PhaseStep>> RunAsync, bool AfterStop = false);
