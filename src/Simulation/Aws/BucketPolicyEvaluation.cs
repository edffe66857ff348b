using System.Text.Json.Nodes;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// Whether a bucket policy explicitly denies a request, as IAM evaluates a resource policy's Deny statements
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): a statement applies when
/// its principal, action, resource and every condition match; an explicit deny wins over any allow. Conditions follow
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
/// reference_policies_condition-single-vs-multi-valued-context-keys.html: the String and Arn operators, their negations
/// (true when the request lacks the key, which is why "StringNotEquals aws:SourceVpce" denies a call that came through
/// no endpoint), IfExists, Bool and Null, each with the ForAnyValue / ForAllValues qualifiers. An operator the simulator
/// does not model makes its statement not apply: it denies only what it can evaluate. Allow statements are not needed:
/// the caller's own identity policy is assumed to allow the operator's calls.
/// </summary>
internal static class BucketPolicyEvaluation
{
    /// <summary>The Sid (or position) of the first Deny statement that applies to the request, or null.</summary>
    public static string? DeniedBy(JsonObject policy, S3RequestContext request)
    {
        var statements = List(policy["Statement"]).ToList();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is JsonObject statement && Text(statement["Effect"]) == "Deny" && Applies(statement, request))
                return Text(statement["Sid"]) is { Length: > 0 } sid ? sid : $"statement {i + 1}";
        }
        return null;
    }

    private static bool Applies(JsonObject statement, S3RequestContext request) =>
        Matches(statement, "Principal", "NotPrincipal", p => PrincipalMatches(p, request))
        && Matches(statement, "Action", "NotAction", a => Strings(a).Any(pattern => IamWildcards.Matches(pattern, request.Action, ignoreCase: true)))
        && Matches(statement, "Resource", "NotResource", r => Strings(r).Any(pattern => IamWildcards.Matches(pattern, request.Resource, ignoreCase: false)))
        && ConditionsHold(statement["Condition"], request);

    // An element applies when it matches; its Not… form when it does not. A statement with neither is not one S3 took.
    private static bool Matches(JsonObject statement, string key, string notKey, Func<JsonNode?, bool> match) =>
        statement.TryGetPropertyValue(key, out var value) ? match(value)
        : statement.TryGetPropertyValue(notKey, out var not) && !match(not);

    private static bool PrincipalMatches(JsonNode? principal, S3RequestContext request)
    {
        if (principal is JsonValue)
            return Text(principal) == "*";
        if (principal is not JsonObject obj || obj["AWS"] is not { } aws)
            return false;
        // An account's root (or bare id) names every principal of the account.
        var accountRoot = $"arn:aws:iam::{request.Account}:root";
        return Strings(aws).Any(p => p == "*" || p == request.CallerArn || p == request.PrincipalArn || p == accountRoot || p == request.Account);
    }

    private static bool ConditionsHold(JsonNode? condition, S3RequestContext request)
    {
        if (condition is null)
            return true;
        if (condition is not JsonObject operators)
            return false;
        foreach (var (op, clauses) in operators)
        {
            if (clauses is not JsonObject keys)
                return false;
            foreach (var (key, values) in keys)
            {
                if (Holds(op, key, Strings(values).ToList(), request) is not true)
                    return false;
            }
        }
        return true;
    }

    /// <summary>Null for an operator the simulator does not model.</summary>
    private static bool? Holds(string op, string key, IReadOnlyList<string> policyValues, S3RequestContext request)
    {
        var qualifier = "";
        if (op.StartsWith("ForAnyValue:", StringComparison.Ordinal) || op.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = op[..op.IndexOf(':')];
            op = op[(qualifier.Length + 1)..];
        }
        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
        if (ifExists)
            op = op[..^"IfExists".Length];
        string[] requestValues = request.Keys.TryGetValue(key.ToLowerInvariant(), out var value) ? [value] : [];

        if (op == "Null")
            return policyValues.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)) == (requestValues.Length == 0);
        var negated = op.Contains("Not", StringComparison.Ordinal);
        Func<string, string, bool>? compare = op switch
        {
            "StringEquals" or "StringNotEquals" => (a, b) => string.Equals(a, b, StringComparison.Ordinal),
            "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase" => (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
            "StringLike" or "StringNotLike" => (v, pattern) => IamWildcards.Matches(pattern, v, ignoreCase: false),
            // ArnEquals and ArnLike are the same test, part by part with wildcards.
            "ArnEquals" or "ArnLike" or "ArnNotEquals" or "ArnNotLike" => (v, pattern) => ArnLike(pattern, v),
            "Bool" => (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
        if (compare is null)
            return null;
        if (requestValues.Length == 0)
            return ifExists || qualifier == "ForAllValues" || (qualifier != "ForAnyValue" && negated);
        bool One(string requestValue)
        {
            var any = policyValues.Any(p => compare(requestValue, p));
            return negated ? !any : any;
        }
        return qualifier == "ForAllValues" ? requestValues.All(One) : requestValues.Any(One);
    }

    private static bool ArnLike(string pattern, string arn)
    {
        var patternParts = pattern.Split(':', 6);
        var arnParts = arn.Split(':', 6);
        return patternParts.Length == 6 && arnParts.Length == 6 && patternParts.Zip(arnParts).All(p => IamWildcards.Matches(p.First, p.Second, ignoreCase: false));
    }


    
    private static IEnumerable<string> Strings(JsonNode? node) => List(node).Select(Text).OfType<string>();

    private static IEnumerable<JsonNode?> List(JsonNode? node) => node switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array,
        _ => new[] { node },
    };

    // A condition value may be written as a JSON true or number; IAM compares its text.
    private static string? Text(JsonNode? node) => node is JsonValue v ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString() : null;
}
