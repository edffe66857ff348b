using System.Diagnostics;

namespace Vpce.Tests.Deploy.ArgoCd;

/// <summary>Debian's Lua 5.1 (the language of Argo CD's gopher-lua) with lua-cjson, run as a process.
/// .ci/run installs both (apt-get install lua5.1 lua-cjson); elsewhere the tests skip without them.</summary>
public static class LuaInterpreter
{
    public const string Executable = "lua5.1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Why Lua cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable => Missing.Value;

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Executable} {string.Join(' ', args)} did not finish within {Timeout}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Probe()
    {
        try
        {
            var (exit, _, stderr) = Run("-e", "require('cjson')");
            return exit == 0 ? null : $"{Executable} cannot load lua-cjson: {stderr.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{Executable} is not on PATH";
        }
    }
}
