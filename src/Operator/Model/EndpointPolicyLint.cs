
namespace Vpce.Operator.Model;

/// <summary>Pure checks on spec.policyDocument for the mistakes that make an endpoint silently useless: a policy that allows
/// nothing, an S3 policy that names buckets of another region, a policy on a service that ignores endpoint policies, a
/// statement that denies the operator itself. Advisory: the policy is applied as written whatever these say.</summary>
public static class EndpointPolicyLint
{
    /// <summary>The lint reads at most this many buckets' regions for one policy, so a long policy costs bounded calls.</summary>
    public const int MaxBucketsLooked = 50;

    public static IReadOnlyList<PolicyFinding> Check(PolicyLintInput input)
    {
        var statements = PolicyStatements.Parse(input.PolicyDocument);
        var findings = new List<PolicyFinding>();
        if (!input.PolicySupported && !PolicyDocument.IsFullAccess(input.PolicyDocument))
        {
            findings.Add(new(PolicyFindingReasons.PolicyIgnored,
                $"{input.ServiceName} does not support endpoint policies: AWS allows full access through this endpoint whatever spec.policyDocument says"));
        }
        if (AllowsNothing(statements) is { } nothing)
        {
            findings.Add(new(PolicyFindingReasons.AllowsNothing, nothing));
        }
        findings.AddRange(BucketsElsewhere(input, statements));
        if (input.OperatorPrincipalArn is { } operatorArn)
        {
            findings.AddRange(statements.Where(s => s.IsDeny && DeniesPrincipal(s, operatorArn)).Select(s =>
                new PolicyFinding(PolicyFindingReasons.DeniesOperator,
                    $"{s.Label} denies the operator's own principal {operatorArn} ({Actions(s)}): its calls through this endpoint would be refused")));
        }
        return findings;
    }

    /// <summary>The buckets an S3 endpoint's policy allows by name (arn:…:s3:::BUCKET, arn:…:s3:::BUCKET/…), wildcards left
    /// out, at most <see cref="MaxBucketsLooked"/>; none for another service.</summary>
    public static IReadOnlyList<string> NamedBuckets(string serviceName, string policyDocument) =>
        ServiceNames.ShortName(serviceName) != "s3"
            ? []
            : PolicyStatements.Parse(policyDocument).Where(s => s.IsAllow).SelectMany(s => s.Resources)
                .Select(BucketOf).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxBucketsLooked).ToList();

    private static string? AllowsNothing(IReadOnlyList<PolicyStatement> statements)
    {
        if (!statements.Any(s => s.IsAllow))
        {
            return "the policy has no Allow statement: every request through the endpoint is denied";
        }
        var blanket = statements.FirstOrDefault(s => s.IsDeny && s.AnyPrincipal && s.NotPrincipals is null && s.NotActions is null
            && s.NotResources is null && s.Conditions.Count == 0 && s.Actions.Contains("*") && s.Resources.Contains("*"));
        return blanket is null ? null : $"{blanket.Label} denies every action on every resource to everyone: the policy allows nothing";
    }

    private static IEnumerable<PolicyFinding> BucketsElsewhere(PolicyLintInput input, IReadOnlyList<PolicyStatement> statements)
    {
        foreach (var bucket in NamedBuckets(input.ServiceName, input.PolicyDocument))
        {
            if (input.BucketRegions.TryGetValue(bucket, out var region) && region != input.Region)
            {
                var labels = statements.Where(s => s.IsAllow && s.Resources.Any(r => BucketOf(r) == bucket)).Select(s => s.Label);
                yield return new(PolicyFindingReasons.BucketInOtherRegion,
                    $"{string.Join(", ", labels)} allows bucket {bucket}, which is in {region}: an endpoint in {input.Region} reaches only buckets of its own region");
            }
        }
    }

    // arn:PARTITION:s3:::BUCKET or arn:PARTITION:s3:::BUCKET/KEY; a name with a wildcard names no one bucket.
    private static string? BucketOf(string resource)
    {
        var parts = resource.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "s3" || parts[3].Length > 0 || parts[4].Length > 0)
        {
            return null;
        }
        var bucket = parts[5].Split('/')[0];
        return bucket.Length == 0 || bucket.IndexOfAny(['*', '?']) >= 0 ? null : bucket;
    }

    /// <summary>True when the Deny statement certainly applies to <paramref name="principalArn"/>: its Principal names it,
    /// its account or everyone (or its NotPrincipal leaves it out), and each condition, if any, is on aws:PrincipalArn or
    /// aws:PrincipalAccount and holds for it. A condition on anything else cannot be decided here, so it is no finding.</summary>
    private static bool DeniesPrincipal(PolicyStatement statement, string principalArn)
    {
        var account = principalArn.Split(':', 6) is { Length: 6 } parts ? parts[4] : "";
        bool Named(IReadOnlyList<string> principals) => principals.Any(p =>
            p == account || p == $"arn:{Partition(principalArn)}:iam::{account}:root" || PrincipalArns.IsExempt(principalArn, [p]));
        var applies = statement.NotPrincipals is { } notPrincipals
            ? !Named(notPrincipals)
            : statement.HasPrincipal && (statement.AnyPrincipal || Named(statement.Principals));
        return applies && statement.Conditions.All(c => c.Value.All(clause => Holds(c.Key, clause.Key, clause.Value, principalArn, account) == true));
    }

    // null: the operator or key is not one the lint can evaluate for the operator's principal.
    private static bool? Holds(string op, string key, IReadOnlyList<string> values, string principalArn, string account)
    {
        if (op.Contains(':'))
        {
            // ForAnyValue:/ForAllValues: are for multivalued keys; these two keys are single-valued.
            return null;
        }
        var baseOp = op.EndsWith("IfExists", StringComparison.Ordinal) ? op[..^"IfExists".Length] : op;
        var actual = key.ToLowerInvariant() switch
        {
            "aws:principalarn" => principalArn,
            "aws:principalaccount" => account,
            _ => null,
        };
        if (actual is null)
        {
            return null;
        }
        var negated = baseOp.Contains("Not", StringComparison.Ordinal);
        var literal = values.Where(v => v.IndexOfAny(['*', '?']) < 0).ToList();
        bool? matches = baseOp.Replace("Not", "", StringComparison.Ordinal) switch
        {
            // A role ARN without its path (what STS tells) also matches the same role named with a path: PrincipalArns.
            "StringEquals" => literal.Contains(actual) || PrincipalArns.IsExempt(actual, literal),
            "StringEqualsIgnoreCase" => values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)),
            "StringLike" => values.Any(v => PrincipalArns.Like(v, actual)) || PrincipalArns.IsExempt(actual, values),
            // IAM's ArnEquals takes wildcards too: both compare the six parts one by one.
            "ArnEquals" or "ArnLike" => PrincipalArns.IsExempt(actual, values),
            _ => null,
        };
        return matches is { } m ? m != negated : null;
    }

    private static string Partition(string arn) => arn.Split(':', 6) is { Length: 6 } parts ? parts[1] : "aws";

    private static string Actions(PolicyStatement s) =>
        s.NotActions is { } not ? "every action but " + string.Join(", ", not) : string.Join(", ", s.Actions);
}
