using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vpce.Tests.Deploy;

/// <summary>One statement of an IAM policy, with the part of IAM's evaluation that the operator's policy uses:
/// wildcards in Action and Resource, and the condition operators StringEquals, StringLike, Null and
/// ForAllValues:StringNotLike. Any other operator is refused, so the policy cannot use one these tests do not understand.</summary>
public sealed class IamStatement
{
    private static readonly HashSet<string> KnownOperators = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringLike", "Null", "ForAllValues:StringNotLike",
    };

    public required string Sid { get; init; }
    public required bool Allow { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
    public required IReadOnlyList<string> Resources { get; init; }
    /// <summary>Operator → condition key → values.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions { get; init; }

    public static IamStatement Parse(JsonElement statement)
    {
        var conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (statement.TryGetProperty("Condition", out var condition))
        {
            foreach (var op in condition.EnumerateObject())
            {
                if (!KnownOperators.Contains(op.Name))
                {
                    throw new NotSupportedException($"condition operator {op.Name} is not one these tests evaluate");
                }
                conditions[op.Name] = op.Value.EnumerateObject()
                    .ToDictionary(k => k.Name, k => StringOrList(k.Value), StringComparer.OrdinalIgnoreCase);
            }
        }
        return new IamStatement
        {
            Sid = statement.TryGetProperty("Sid", out var sid) ? sid.GetString() ?? "" : "",
            Allow = statement.GetProperty("Effect").GetString() == "Allow",
            Actions = StringOrList(statement.GetProperty("Action")),
            Resources = StringOrList(statement.GetProperty("Resource")),
            Conditions = conditions,
        };
    }

    public bool Matches(IamRequest request) =>
        Actions.Any(a => Like(request.Action, a, ignoreCase: true))
        && Resources.Any(r => Like(request.Resource, r, ignoreCase: false))
        && Conditions.All(op => op.Value.All(key => Holds(op.Key, key.Key, key.Value, request)));

    private static bool Holds(string op, string key, IReadOnlyList<string> wanted, IamRequest request)
    {
        var present = request.Context.TryGetValue(key, out var actual);
        return op switch
        {
            "Null" => wanted.Single() == (present ? "false" : "true"),
            "StringEquals" => present && actual!.Any(v => wanted.Contains(v, StringComparer.Ordinal)),
            "StringLike" => present && actual!.Any(v => wanted.Any(w => Like(v, w, ignoreCase: false))),
            // Every value of the request's key matches none of the patterns (true when the key is absent).
            "ForAllValues:StringNotLike" => !present || actual!.All(v => !wanted.Any(w => Like(v, w, ignoreCase: false))),
            _ => throw new NotSupportedException(op),
        };
    }

    private static bool Like(string value, string pattern, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    private static IReadOnlyList<string> StringOrList(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [value.GetString()!];
}
