using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vpce.Tests.Crds;

/// <summary>
/// Checks a parsed openAPIV3Schema against the rules the API server applies to a v1 CRD: every node has a
/// type, properties and additionalProperties never together, arrays have items, required names exist,
/// list-map keys are required, defaults validate against their node, and bounds stand on nodes they bound.
/// </summary>
internal static class StructuralSchemaChecker
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];

    public static IReadOnlyList<string> Problems(YamlMappingNode schema)
    {
        var problems = new List<string>();
        Check(schema, "openAPIV3Schema", problems);
        return problems;
    }

    private static void Check(YamlMappingNode node, string path, List<string> problems)
    {
        var type = Scalar(node, "type");
        if (type is null || !Types.Contains(type)) problems.Add($"{path}: missing or unknown type '{type}'");

        var properties = Mapping(node, "properties");
        var additional = Mapping(node, "additionalProperties");
        if (properties is not null && additional is not null) problems.Add($"{path}: properties together with additionalProperties");
        if ((properties is not null || additional is not null) && type != "object") problems.Add($"{path}: properties on a non-object");

        if (properties is not null)
        {
            foreach (var (key, value) in properties.Children)
                Check((YamlMappingNode)value, $"{path}.{((YamlScalarNode)key).Value}", problems);
        }
        if (additional is not null) Check(additional, $"{path}[*]", problems);

        // Bounds on the wrong kind of node are silently ignored by the server: a bound that was meant but does nothing.
        if (Scalar(node, "maxItems") is not null && type != "array") problems.Add($"{path}: maxItems on a non-array");
        if (Scalar(node, "maxProperties") is not null && (type != "object" || additional is null)) problems.Add($"{path}: maxProperties on a non-map");
        if ((Scalar(node, "maxLength") ?? Scalar(node, "pattern")) is not null && type != "string") problems.Add($"{path}: maxLength or pattern on a non-string");

        var items = Mapping(node, "items");
        if (type == "array" && items is null) problems.Add($"{path}: array without items");
        if (items is not null) Check(items, $"{path}[]", problems);

        if (Sequence(node, "required") is { } required)
        {
            foreach (var name in required.Children.Cast<YamlScalarNode>())
            {
                if (properties is null || !properties.Children.ContainsKey(name)) problems.Add($"{path}: required '{name.Value}' is not a property");
            }
        }

        if (Sequence(node, "x-kubernetes-list-map-keys") is { } keys)
        {
            if (Scalar(node, "x-kubernetes-list-type") != "map") problems.Add($"{path}: list-map-keys without list-type map");
            var itemRequired = items is null ? null : Sequence(items, "required");
            foreach (var key in keys.Children.Cast<YamlScalarNode>())
            {
                if (itemRequired is null || !itemRequired.Children.Contains(key)) problems.Add($"{path}: list-map key '{key.Value}' is not required");
            }
        }

        if (Sequence(node, "x-kubernetes-validations") is { } rules)
        {
            foreach (var rule in rules.Children.Cast<YamlMappingNode>())
            {
                if (string.IsNullOrWhiteSpace(Scalar(rule, "rule"))) problems.Add($"{path}: validation without rule");
                if (string.IsNullOrWhiteSpace(Scalar(rule, "message"))) problems.Add($"{path}: validation without message");
            }
        }

        if (node.Children.TryGetValue(new YamlScalarNode("default"), out var defaultValue))
            CheckValue(defaultValue, node, $"{path} default", problems);
    }

    private static void CheckValue(YamlNode value, YamlMappingNode schema, string path, List<string> problems)
    {
        switch (Scalar(schema, "type"))
        {
            case "array":
                if (value is not YamlSequenceNode list) { problems.Add($"{path}: not a list"); return; }
                foreach (var item in list.Children) CheckValue(item, Mapping(schema, "items")!, path + "[]", problems);
                return;
            case "string":
                if (value is not YamlScalarNode { Value: { } text }) { problems.Add($"{path}: not a string"); return; }
                if (Sequence(schema, "enum") is { } allowed && !allowed.Children.Cast<YamlScalarNode>().Any(a => a.Value == text))
                    problems.Add($"{path}: '{text}' is not one of the enum values");
                if (Scalar(schema, "pattern") is { } pattern && !Regex.IsMatch(text, pattern))
                    problems.Add($"{path}: '{text}' does not match {pattern}");
                return;
            case "boolean":
                if (value is not YamlScalarNode { Value: "true" or "false" }) problems.Add($"{path}: not a boolean");
                return;
            default:
                problems.Add($"{path}: defaults of this type are not checked here");
                return;
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static YamlSequenceNode? Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlSequenceNode : null;
}
