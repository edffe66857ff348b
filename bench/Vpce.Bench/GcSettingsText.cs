using System.Runtime;

namespace Vpce.Bench;

/// <summary>Names the collector settings a process runs with, and whether the JIT's PGO tier was on, so a figure in
/// results.md says what it was measured under.</summary>
public static class GcSettingsText
{
    public static string OfThisProcess() =>
        $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode}, " +
        $"ConserveMemory {AppContext.GetData("System.GC.ConserveMemory") ?? "unset"}, " +
        $"DOTNET_GCgen0size {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "unset"}, " +
        $"DOTNET_TieredPGO {Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "unset"}";
}
