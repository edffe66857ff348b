using System.Text.Json.Nodes;
using System.Text.Json;

namespace Vpce.Operator.Model;

/// <summary>IAM policy documents compared by meaning: a canonical form in which statement order, a single string
/// versus a one-element array, "*" versus {"AWS":"*"}, action case and whitespace no longer show.</summary>
public static class PolicyDocument
{
    /// <summary>AWS's policy language version when a document names none.</summary>
    public const string DefaultVersion = "2008-10-17";

    /// <summary>The policy AWS attaches to an endpoint created without one.</summary>
    public const string FullAccess =
        "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static readonly string FullAccessStatements = CanonicalStatements(Parse(FullAccess));

    // Each reconcile compares its endpoint's documents again, and they rarely change: the canonical forms are kept by text
    // (a policy is at most 20,480 characters; the budget holds dozens of the largest and thousands of the usual).
    private const int CacheBudgetChars = 1 << 20;
    private static readonly TextKeyedCache<string> CanonicalForms = new(CacheBudgetChars, CanonicalizeUncached);
    private static readonly TextKeyedCache<bool> FullAccessForms = new(CacheBudgetChars, d => CanonicalStatements(Parse(d)) == FullAccessStatements);

    /// <summary>True when both documents mean the same policy.</summary>
    public static bool Equivalent(string a, string b) => Canonicalize(a) == Canonicalize(b);

    /// <summary>True when the document allows everything to everyone: AWS's default, whatever its version.</summary>
    public static bool IsFullAccess(string? document) =>
        document is null || FullAccessForms[document];

    /// <summary>Whether the text is an endpoint policy EC2 takes: a JSON object with a Statement, each statement with an
    /// Effect of Allow or Deny, a Principal, an Action and a Resource (or their Not… forms) and nothing but Sid and
    /// Condition besides, a Version (if any) IAM knows. An endpoint policy "must contain a Principal element"
    /// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#vpc-endpoint-policy-considerations;
    /// the IAM grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). The error names
    /// what is wrong.</summary>
    public static bool TryValidate(string document, out string error)
    {
        try
        {
            var root = Parse(document);
            error = GrammarError(root) ?? "";
            if (error.Length > 0)
            {
                return false;
            }
            Canonicalize(document);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = e.Message;
            return false;
        }
    }

    private static readonly string[] StatementElements = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static string? GrammarError(JsonObject root)
    {
        if (root["Version"] is { } version && !(version is JsonValue v && v.TryGetValue<string>(out var text) && text is "2008-10-17" or "2012-10-17"))
        {
            return $"Version {version.ToJsonString()} is not 2012-10-17 or 2008-10-17";
        }
        if (root["Statement"] is not { } statements)
        {
            return "the policy has no Statement";
        }
        var list = AsList(statements).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var which = $"statement {i + 1}";
            if (list[i] is not JsonObject statement)
            {
                return $"{which} is not a JSON object";
            }
            if (statement.Select(p => p.Key).FirstOrDefault(k => !StatementElements.Contains(k)) is { } unknown)
            {
                return $"{which} has the element {unknown}, which IAM policies do not have";
            }
            if (statement["Effect"] is not JsonValue effect || !effect.TryGetValue<string>(out var e) || e is not ("Allow" or "Deny"))
            {
                return $"{which} needs an Effect of Allow or Deny";
            }
            foreach (var (element, not) in new[] { ("Principal", "NotPrincipal"), ("Action", "NotAction"), ("Resource", "NotResource") })
            {
                if (statement[element] is null && statement[not] is null)
                {
                    return element == "Principal"
                        ? $"{which} has no Principal: an endpoint policy must name its principals (\"Principal\": \"*\" for everyone)"
                        : $"{which} has no {element}";
                }
            }
        }
        return null;
    }

    /// <summary>The canonical JSON text of a policy document.</summary>
    public static string Canonicalize(string document) => CanonicalForms[document];

    private static string CanonicalizeUncached(string document)
    {
        var root = Parse(document);
        var version = root["Version"]?.GetValue<string>() ?? DefaultVersion;
        return "{\"Version\":" + JsonValue.Create(version).ToJsonString() + ",\"Statement\":" + CanonicalStatements(root) + "}";
    }

    /// <summary>The canonical JSON text of one statement, the same form <see cref="Canonicalize"/> gives each statement
    /// of a document: two statements mean the same exactly when these texts are equal. Throws FormatException or
    /// InvalidOperationException for a statement whose elements have shapes IAM does not allow.</summary>
    public static string CanonicalizeStatement(JsonObject statement) => CanonicalStatement(statement);

    private static JsonObject Parse(string document) =>
        JsonNode.Parse(document) as JsonObject ?? throw new FormatException("the policy is not a JSON object");

    private static string CanonicalStatements(JsonObject root)
    {
        var statements = AsList(root["Statement"])
            .Select(s => CanonicalStatement(s as JsonObject ?? throw new FormatException("a Statement is not a JSON object")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return "[" + string.Join(",", statements) + "]";
    }

    private static string CanonicalStatement(JsonObject statement)
    {
        var canonical = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in statement)
        {
            canonical[key] = key switch
            {
                "Action" or "NotAction" => StringSet(value, lowerCase: true),
                "Resource" or "NotResource" => StringSet(value, lowerCase: false),
                "Principal" or "NotPrincipal" => CanonicalPrincipal(value),
                "Condition" => CanonicalCondition(value),
                "Effect" or "Sid" => JsonValue.Create(Scalar(value)),
                _ => JsonNode.Parse(value?.ToJsonString() ?? "null"),
            };
        }
        var obj = new JsonObject();
        foreach (var (key, value) in canonical)
        {
            obj[key] = value;
        }
        return obj.ToJsonString();
    }

    private static JsonNode CanonicalPrincipal(JsonNode? principal)
    {
        // "*" is the same as {"AWS":"*"}.
        if (principal is JsonValue)
        {
            var text = Scalar(principal);
            return new JsonObject { ["AWS"] = new JsonArray(JsonValue.Create(text)) };
        }
        var obj = principal as JsonObject ?? throw new FormatException("Principal is neither \"*\" nor an object");
        var canonical = new JsonObject();
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            canonical[key] = StringSet(value, lowerCase: false);
        }
        return canonical;
    }

    private static JsonNode CanonicalCondition(JsonNode? condition)
    {
        var obj = condition as JsonObject ?? throw new FormatException("Condition is not an object");
        var canonical = new JsonObject();
        foreach (var (op, clauses) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var clauseObj = clauses as JsonObject ?? throw new FormatException($"Condition {op} is not an object");
            var canonicalClauses = new JsonObject();
            // Condition keys are case-insensitive in IAM; values are compared as strings.
            foreach (var (key, values) in clauseObj
                         .Select(p => (Key: p.Key.ToLowerInvariant(), p.Value))
                         .OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                canonicalClauses[key] = StringSet(values, lowerCase: false);
            }
            canonical[op] = canonicalClauses;
        }
        return canonical;
    }

    private static JsonArray StringSet(JsonNode? value, bool lowerCase)
    {
        var items = AsList(value)
            .Select(Scalar)
            .Select(s => lowerCase ? s.ToLowerInvariant() : s)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(s => (JsonNode?)JsonValue.Create(s));
        return new JsonArray(items.ToArray());
    }

    // A single value and a one-element array mean the same.
    private static IEnumerable<JsonNode?> AsList(JsonNode? value) =>
        value switch
        {
            null => Array.Empty<JsonNode?>(),
            JsonArray array => array,
            _ => new[] { value },
        };

    private static string Scalar(JsonNode? value) =>
        value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => throw new FormatException($"expected a string, found {value?.ToJsonString() ?? "null"}"),
        };
}
