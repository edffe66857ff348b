using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Vpce.Tests.Deploy;

/// <summary>The chart's static parts as files: values.yaml, values.schema.json, the templates' text.</summary>
public static partial class HelmChart
{
    public const string Folder = "deploy/helm/vpce-operator";
    public static readonly string Root = Path.Combine(RepoRoot.Find(), Folder);

    public static JsonNode Values => YamlJson.Parse(File.ReadAllText(Path.Combine(Root, "values.yaml")))!;

    public static JsonNode SchemaJson => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "values.schema.json")))!;

    public static JsonSchema Schema => JsonSchema.FromText(File.ReadAllText(Path.Combine(Root, "values.schema.json")));

    /// <summary>The errors Helm would report for these values (JSON pointer: message), none when they are valid.</summary>
    public static IReadOnlyList<string> SchemaErrors(JsonNode? values)
    {
        var result = Schema.Evaluate(JsonSerializer.SerializeToElement(values), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    /// <summary>The values with one YAML document merged over them, as helm -f does (maps merged, the rest replaced).</summary>
    public static JsonNode? With(string overridesYaml) => Merge(Values, YamlJson.Parse(overridesYaml));

    public static IReadOnlyDictionary<string, string> Templates() =>
        Directory.GetFiles(Path.Combine(Root, "templates")).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    /// <summary>Every .Values path the templates name ($.Values.a.b and .Values.a.b), as "a.b".</summary>
    public static IReadOnlySet<string> ValuesPathsUsed() =>
        Templates().Values.SelectMany(t => ValuesReference().Matches(t).Select(m => m.Groups["path"].Value)).ToHashSet(StringComparer.Ordinal);

    private static JsonNode? Merge(JsonNode? under, JsonNode? over)
    {
        if (under is not JsonObject baseMap || over is not JsonObject overMap) return over?.DeepClone();
        var merged = (JsonObject)baseMap.DeepClone();
        foreach (var (key, value) in overMap) merged[key] = Merge(merged[key], value);
        return merged;
    }

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesReference();
}
