namespace Vpce.Tests.Contract.Deploy;

/// <summary>A Helm engine that renders the chart: VPCE_TEST_HELM, else the contract rig's helmlite, else helm on PATH.</summary>
public static class HelmEngine
{
    public const string Variable = "VPCE_TEST_HELM";

    /// <summary>Why a test that renders the chart is skipped here: null where an engine is found.</summary>
    public static string? Missing => Find() is null ? $"no Helm engine: set {Variable}, or put helm on PATH" : null;

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured) return configured;
        var rig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache/vpce-rig/bin/helmlite");
        if (File.Exists(rig)) return rig;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "helm")).FirstOrDefault(File.Exists);
    }

    /// <summary>The arguments of `template` for a release: helmlite takes --name, helm the name first.</summary>
    public static IReadOnlyList<string> TemplateArguments(string engine, string release, string chart, string @namespace, params string[] sets)
    {
        var arguments = Path.GetFileName(engine).StartsWith("helmlite", StringComparison.Ordinal)
            ? new List<string> { "template", chart, "--name", release }
            : ["template", release, chart];
        arguments.AddRange(["--namespace", @namespace]);
        foreach (var set in sets) arguments.AddRange(["--set", set]);
        return arguments;
    }
}
