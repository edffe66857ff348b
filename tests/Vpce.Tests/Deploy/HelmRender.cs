using System.Diagnostics;
using System.Text.Json.Nodes;
using Vpce.Tests.Contract.Deploy;

namespace Vpce.Tests.Deploy;

/// <summary>The chart rendered by a Helm engine (<see cref="HelmEngine"/>: VPCE_TEST_HELM, the rig's helmlite, helm on
/// PATH) for a release, with a values file: its objects (the CRDs left out) as JSON.</summary>
public static class HelmRender
{
    public const string Release = "vpce-operator";
    public const string Namespace = "vpce-system";

    public static IReadOnlyList<JsonObject> Objects(string valuesYaml)
    {
        var engine = HelmEngine.Find() ?? throw new InvalidOperationException("no Helm engine");
        var values = Path.Combine(Path.GetTempPath(), $"vpce-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(values, valuesYaml);
        try
        {
            var start = new ProcessStartInfo(engine) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in HelmEngine.TemplateArguments(engine, Release, HelmChart.Root, Namespace).Concat(["-f", values]))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{engine} template failed: {stderr.Result}");
            return YamlJson.ParseAll(stdout.Result).OfType<JsonObject>()
                .Where(o => o["kind"]?.GetValue<string>() != "CustomResourceDefinition").ToList();
        }
        finally
        {
            File.Delete(values);
        }
    }

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => o["kind"]!.GetValue<string>() == kind);

    public static string Name(this JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();
}
