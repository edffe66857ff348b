using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Vpce.Bench;

/// <summary>Runs each size in a process of its own (working set and allocations are per process, so sizes must not share
/// one) and reads back its one result line.</summary>
public static class ChildRuns
{
    public const string ResultPrefix = "BENCH-RESULT ";
    public const string OneSizeFlag = "--one";
    public const string RunFlag = "--run";

    /// <summary>What a JIT process holds and the image's native code does not: dynamic PGO's instrumented code and the
    /// profile it gathers, about 10 MiB of working set at every size (measured at 100 and 1,000 endpoints: 90 against
    /// 80 MiB for the operator's share). The image is compiled ahead of time, with no tiers and no PGO at run time; the
    /// bench runs on the JIT (the simulator's JSON handling is reflection-based), so its children run without that tier.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInTheNativeImage =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_TieredPGO"] = "0" };

    public static async Task<SizeResult> RunAsync(int endpoints, int run, BenchShape? shape = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("no process path"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under `dotnet Vpce.Bench.dll` the process is the host: the child needs the assembly too.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in BenchArgs.ChildArgs(endpoints, run, shape ?? BenchShape.OneAccount)) start.ArgumentList.Add(arg);
        // The image's runtime knobs, unless the harness's own environment sets one (to measure another value).
        foreach (var (name, value) in ImageEnvironment.Read(ResultsFile.FindRoot()).Concat(NotInTheNativeImage))
        {
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = value;
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        SizeResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                result = JsonSerializer.Deserialize<SizeResult>(line[ResultPrefix.Length..]);
            else
                Console.WriteLine(line);
        }
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || result is null)
            throw new InvalidOperationException($"the run of {endpoints} endpoints (run {run}) exited with {child.ExitCode} and {(result is null ? "no" : "a")} result");
        return result;
    }
}
