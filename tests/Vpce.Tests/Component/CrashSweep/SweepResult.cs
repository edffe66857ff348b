namespace Vpce.Tests.Component.CrashSweep;

/// <summary>One scenario's sweep: its crash points, the runs made (crash points × downtime actions) and what failed.</summary>
public sealed record SweepResult(string Scenario, int CrashPoints, int Runs, IReadOnlyList<string> Failures);
