namespace Vpce.Operator.Controllers;

/// <summary>One named, timed step of a kind's reconcile (validate, resolve, read, plan, apply, ...).</summary>
public sealed record ReconcilePhase<TPass>(string Name, Func<TPass, CancellationToken, Task<PhaseStep>> RunAsync);
