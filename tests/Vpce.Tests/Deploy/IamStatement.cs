using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vpce.Tests.Deploy;

/// <summary>One statement of an IAM policy, with the part of IAM's evaluation that the operator's policies use:
/// wildcards in Action and Resource, the condition operators StringEquals, StringLike, StringNotLike and Null, the set
/// operators ForAllValues: and ForAnyValue: over the three string ones, and, in a resource policy such as a role's trust policy, the Principal (AWS ARNs or "*";
/// a statement there has no Resource: it is about the resource the policy is attached to). Any other operator, and
/// NotPrincipal, NotAction or NotResource, is refused, so a policy cannot use one these tests do not understand; so is a
/// condition key that <see cref="IamRequest"/> does not model. A condition value may hold policy variables
/// (<c>${aws:PrincipalAccount}</c>): the request's value of that key.</summary>
public sealed partial class IamStatement
{
    /// <summary>The condition keys the requests of these tests carry (a key ending in / takes any tag key after it).</summary>
    private static readonly string[] KnownKeys =
    [
        "aws:RequestTag/", "aws:ResourceTag/", "aws:TagKeys", "aws:PrincipalAccount",
        "ec2:CreateAction", "ec2:VpceServiceOwner", "sts:ExternalId", "sts:RoleSessionName",
    ];

    private static readonly string[] StringOperators = ["StringEquals", "StringLike", "StringNotLike"];

    private static readonly HashSet<string> KnownOperators = new(
        ["Null", .. StringOperators, .. StringOperators.Select(o => "ForAllValues:" + o), .. StringOperators.Select(o => "ForAnyValue:" + o)],
        StringComparer.Ordinal);

    public required string Sid { get; init; }
    public required bool Allow { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
    public required IReadOnlyList<string> Resources { get; init; }
    /// <summary>Principal type (AWS) → ARNs, with "*" for everyone; null in an identity policy (it has no Principal).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Principals { get; init; }
    /// <summary>Operator → condition key → values.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions { get; init; }

    public static IamStatement Parse(JsonElement statement)
    {
        foreach (var unsupported in new[] { "NotPrincipal", "NotAction", "NotResource" })
        {
            if (statement.TryGetProperty(unsupported, out _)) throw new NotSupportedException($"{unsupported} is not evaluated by these tests");
        }
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
                    .ToDictionary(k => KnownKey(k.Name), k => StringOrList(k.Value), StringComparer.OrdinalIgnoreCase);
            }
        }
        IReadOnlyDictionary<string, IReadOnlyList<string>>? principals = null;
        if (statement.TryGetProperty("Principal", out var principal))
        {
            principals = principal.ValueKind == JsonValueKind.String
                ? new Dictionary<string, IReadOnlyList<string>> { ["AWS"] = [principal.GetString()!] }
                : principal.EnumerateObject().ToDictionary(p => p.Name, p => StringOrList(p.Value), StringComparer.Ordinal);
        }
        // A resource policy's statement is about the resource it is attached to; an identity policy's must name its resources.
        var resources = statement.TryGetProperty("Resource", out var resource) ? StringOrList(resource)
            : principals is not null ? ["*"] : throw new FormatException("a statement of an identity policy without Resource");
        return new IamStatement
        {
            Sid = statement.TryGetProperty("Sid", out var sid) ? sid.GetString() ?? "" : "",
            Allow = statement.GetProperty("Effect").GetString() == "Allow",
            Actions = StringOrList(statement.GetProperty("Action")),
            Resources = resources,
            Principals = principals,
            Conditions = conditions,
        };
    }

    public bool Matches(IamRequest request) =>
        Actions.Any(a => Like(request.Action, a, ignoreCase: true))
        && (Principals is null || PrincipalMatches(request.Principal))
        && Resources.Any(r => Like(request.Resource, r, ignoreCase: false))
        && Conditions.All(op => op.Value.All(key => Holds(op.Key, key.Key, key.Value, request)));

    /// <summary>Whether the caller is one the Principal names. A role ARN names every session of that role: the caller
    /// arn:aws:sts::A:assumed-role/NAME/SESSION is the role arn:aws:iam::A:role/PATH/NAME, whatever its path.</summary>
    private bool PrincipalMatches(string? caller)
    {
        if (caller is null || !Principals!.TryGetValue("AWS", out var arns)) return false;
        return arns.Any(arn => arn == "*" || arn == caller || SessionOfRole(caller, arn));
    }

    private static bool SessionOfRole(string caller, string roleArn)
    {
        var session = caller.Split(':', 6);
        var role = roleArn.Split(':', 6);
        return session is [_, var p1, "sts", "", var a1, var s] && s.Split('/') is ["assumed-role", var sessionRole, _]
            && role is [_, var p2, "iam", "", var a2, var r] && r.StartsWith("role/", StringComparison.Ordinal)
            && p1 == p2 && a1 == a2 && r.Split('/')[^1] == sessionRole;
    }

    private static bool Holds(string op, string key, IReadOnlyList<string> wanted, IamRequest request)
    {
        // A key the request carries with no value is as good as missing (an empty set).
        var present = request.Context.TryGetValue(key, out var actual) && actual.Count > 0;
        if (!op.Equals("Null", StringComparison.Ordinal))
        {
            wanted = wanted.Select(w => Resolve(w, request)).OfType<string>().ToList();
        }
        // The set operators, as https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
        // documents them: ForAllValues holds when every value of the request's key passes the operator, and so also when the
        // key is missing or empty (which is why a policy pairs it with "Null": {KEY: "false"}); ForAnyValue holds when at
        // least one value passes, and so never when the key is missing or empty.
        if (op.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            return !present || actual!.All(v => Passes(op["ForAllValues:".Length..], v, wanted));
        }
        if (op.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            return present && actual!.Any(v => Passes(op["ForAnyValue:".Length..], v, wanted));
        }
        return op switch
        {
            "Null" => wanted.Single() == (present ? "false" : "true"),
            // A negated operator holds when the key is missing: there is nothing that matches.
            "StringNotLike" => !present || actual!.All(v => Passes(op, v, wanted)),
            _ => present && actual!.Any(v => Passes(op, v, wanted)),
        };
    }

    /// <summary>A condition value with its policy variables (<c>${KEY}</c>) replaced by the request's value of each key; null
    /// when the request lacks one, so that the value matches nothing.</summary>
    private static string? Resolve(string value, IamRequest request)
    {
        var missing = false;
        var resolved = PolicyVariable().Replace(value, m =>
        {
            if (request.Context.TryGetValue(m.Groups["key"].Value, out var values) && values.Count == 1) return values[0];
            missing = true;
            return "";
        });
        return missing ? null : resolved;
    }

    [GeneratedRegex(@"\$\{(?<key>[^}]+)\}")]
    private static partial Regex PolicyVariable();

    private static string KnownKey(string key) =>
        KnownKeys.Any(k => k.EndsWith('/') ? key.StartsWith(k, StringComparison.OrdinalIgnoreCase) && key.Length > k.Length : key.Equals(k, StringComparison.OrdinalIgnoreCase))
            ? key : throw new NotSupportedException($"condition key {key} is not one these tests model");

    /// <summary>Whether one value of the request passes a string operator against the policy's values (any of them).</summary>
    private static bool Passes(string op, string value, IReadOnlyList<string> wanted) => op switch
    {
        "StringEquals" => wanted.Contains(value, StringComparer.Ordinal),
        "StringLike" => wanted.Any(w => Like(value, w, ignoreCase: false)),
        "StringNotLike" => !wanted.Any(w => Like(value, w, ignoreCase: false)),
        _ => throw new NotSupportedException(op),
    };

    private static bool Like(string value, string pattern, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    private static IReadOnlyList<string> StringOrList(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [value.GetString()!];
}
