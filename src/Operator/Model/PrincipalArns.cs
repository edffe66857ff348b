using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Principal ARNs as the aws:PrincipalArn condition key sees them, and ArnLike matching against them.</summary>
public static class PrincipalArns
{
    /// <summary>The aws:PrincipalArn of the caller STS names: for a role session
    /// (arn:P:sts::A:assumed-role/Role/session) the role, arn:P:iam::A:role/Role, partition kept; any other ARN as it is.</summary>
    public static string ForCaller(string callerArn)
    {
        var parts = callerArn.Split(':', 6);
        if (parts.Length == 6 && parts[0] == "arn" && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var resource = parts[5].Split('/');
            if (resource.Length == 3 && resource[1].Length > 0)
            {
                return $"arn:{parts[1]}:iam::{parts[4]}:role/{resource[1]}";
            }
        }
        if (parts.Length == 6 && parts[0] == "arn" && parts[2] == "sts" && parts[5].StartsWith("user/", StringComparison.Ordinal))
        {
            // AWS names an IAM user arn:P:iam::A:user/N; moto answers arn:P:sts::A:user/N for the same user.
            return $"arn:{parts[1]}:iam::{parts[4]}:{parts[5]}";
        }
        return callerArn;
    }

    /// <summary>True when one of <paramref name="exemptPatterns"/> matches <paramref name="principalArn"/> as ArnLike
    /// does. A role ARN without a path (what <see cref="ForCaller"/> gives: the assumed-role ARN drops the role's path)
    /// is also matched by a pattern that names the role with a path, arn:P:iam::A:role/some/path/Role: role names are
    /// unique in an account whatever the path, and STS does not tell the path, so such a pattern is taken to name this
    /// role. (The other way round cannot be seen from here: if the role has a path and a pattern omits it, AWS's
    /// aws:PrincipalArn, which carries the path, does not match the pattern.)</summary>
    public static bool IsExempt(string principalArn, IEnumerable<string> exemptPatterns)
    {
        var pathlessRole = PathlessRoleName(principalArn);
        return exemptPatterns.Any(pattern =>
            ArnLike(pattern, principalArn) ||
            (pathlessRole is not null && MatchesRoleWithPath(pattern, principalArn, pathlessRole)));
    }

    /// <summary>IAM's ArnLike: the six colon-separated parts compared one by one, case-sensitively, each part of the
    /// pattern with '*' (any run of characters) and '?' (any one character). Colons in the last part belong to it.
    /// Anything that is not a six-part ARN matches nothing.</summary>
    public static bool ArnLike(string pattern, string arn)
    {
        var patternParts = pattern.Split(':', 6);
        var arnParts = arn.Split(':', 6);
        return patternParts.Length == 6 && arnParts.Length == 6 &&
               patternParts.Zip(arnParts).All(p => IamWildcards.Matches(p.First, p.Second, ignoreCase: false));
    }

    // role/Name (no path) → Name; else null.
    private static string? PathlessRoleName(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }
        var name = parts[5]["role/".Length..];
        return name.Length > 0 && !name.Contains('/') ? name : null;
    }

    private static bool MatchesRoleWithPath(string pattern, string roleArn, string roleName)
    {
        var patternParts = pattern.Split(':', 6);
        var arnParts = roleArn.Split(':', 6);
        if (patternParts.Length != 6 || !patternParts.Take(5).Zip(arnParts.Take(5)).All(p => IamWildcards.Matches(p.First, p.Second, ignoreCase: false)))
        {
            return false;
        }
        var resource = patternParts[5];
        var lastSlash = resource.LastIndexOf('/');
        return resource.StartsWith("role/", StringComparison.Ordinal) && lastSlash > "role/".Length - 1 &&
               IamWildcards.Matches(resource[(lastSlash + 1)..], roleName, ignoreCase: false);
    }

    /// <summary>IAM's StringLike on the whole text: '*' and '?' wildcards, ordinal; iterative with one backtrack point, so
    /// no pattern is slow.</summary>
    public static bool Like(string pattern, string text) => IamWildcards.Matches(pattern, text, ignoreCase: false);

}
