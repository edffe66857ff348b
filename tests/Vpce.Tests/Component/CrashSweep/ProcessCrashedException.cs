namespace Vpce.Tests.Component.CrashSweep;

/// <summary>What every call of a crashed operator meets: the process is gone, nothing it does reaches AWS or the API.</summary>
public sealed class ProcessCrashedException() : Exception("the operator process was killed");
