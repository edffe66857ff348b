using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpce.Operator.Model;

/// <summary>An IAM policy document read into <see cref="PolicyStatement"/>s for the lint. The document was validated
/// before (spec validation); a shape IAM does not allow reads as an empty list rather than an error.</summary>
public static class PolicyStatements
{
    public static IReadOnlyList<PolicyStatement> Parse(string document)
    {
        try
        {
            if (JsonNode.Parse(document) is not JsonObject root)
            {
                return [];
            }
            return List(root["Statement"]).OfType<JsonObject>().Select((s, i) => Read(s, i + 1)).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }

    private static PolicyStatement Read(JsonObject s, int number)
    {
        var sid = Text(s["Sid"]);
        var (anyPrincipal, principals) = Principal(s["Principal"]);
        var (_, notPrincipals) = Principal(s["NotPrincipal"]);
        return new PolicyStatement(
            string.IsNullOrEmpty(sid) ? $"statement {number}" : $"statement {sid}",
            Text(s["Effect"]) ?? "",
            s.ContainsKey("Principal"),
            anyPrincipal,
            principals,
            s.ContainsKey("NotPrincipal") ? notPrincipals : null,
            Strings(s["Action"]),
            s.ContainsKey("NotAction") ? Strings(s["NotAction"]) : null,
            Strings(s["Resource"]),
            s.ContainsKey("NotResource") ? Strings(s["NotResource"]) : null,
            Conditions(s["Condition"]));
    }

    // "*" and {"AWS":"*"} are everyone; other AWS principals are listed; Service and Federated principals are never the operator.
    private static (bool Any, IReadOnlyList<string> Principals) Principal(JsonNode? node)
    {
        if (node is JsonValue)
        {
            return (Text(node) == "*", []);
        }
        if (node is not JsonObject principal)
        {
            return (false, []);
        }
        var aws = Strings(principal["AWS"]);
        return (aws.Contains("*"), aws.Where(a => a != "*").ToList());
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions(JsonNode? node)
    {
        var conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (node is not JsonObject operators)
        {
            return conditions;
        }
        foreach (var (op, clauses) in operators)
        {
            var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, values) in clauses as JsonObject ?? new JsonObject())
            {
                keys[key] = Strings(values);
            }
            conditions[op] = keys;
        }
        return conditions;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) => List(node).Select(Text).OfType<string>().ToList();

    // Typed arrays, not collection expressions: beside a JsonArray arm, [node] would be a new JsonArray adopting the node.
    private static IEnumerable<JsonNode?> List(JsonNode? node) => node switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array,
        _ => new[] { node },
    };

    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString()
        : null;
}
