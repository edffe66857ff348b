namespace Vpce.Tests.Component.CrashSweep;

/// <summary>One step of a crash scenario and how long to let the operator run after it.</summary>
public sealed record SweepStep(string Name, Func<SweepWorld, Task> Act, TimeSpan RunFor);
