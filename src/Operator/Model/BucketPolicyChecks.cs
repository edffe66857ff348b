using System.Text.Json.Nodes;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>The checks before a bucket policy is written, from how people lock themselves out in practice. Each gives
/// null when the write may go ahead, else the refusal; nothing is written after a refusal. BucketPolicyPlanner runs them,
/// in the order a person would fix them.</summary>
public static class BucketPolicyChecks
{
    /// <summary>aws:SourceVpce only ever names an endpoint of the bucket's own region (gateway endpoints are regional),
    /// so a statement admitting an endpoint of another region would deny everyone.</summary>
    public static BucketPolicyRefusal? CheckRegion(string bucket, string bucketRegion, string endpointRegion) =>
        bucketRegion == endpointRegion
            ? null
            : new(BucketPolicyReasons.RegionMismatch,
                $"bucket {bucket} is in {bucketRegion} but the endpoints are in {endpointRegion}; an endpoint admits only traffic to buckets of its own region");

    /// <summary>The operator reads and writes the bucket policy from wherever it runs, not necessarily through the
    /// endpoints, so its own principal (STS GetCallerIdentity's ARN) must be exempt, or the statement would deny it.</summary>
    public static BucketPolicyRefusal? CheckOperatorExempt(string callerArn, DesiredStatement statement)
    {
        var principal = PrincipalArns.ForCaller(callerArn);
        return PrincipalArns.IsExempt(principal, statement.ExemptPrincipalArns)
            ? null
            : new(BucketPolicyReasons.WouldLockOutOperator,
                $"the operator's own principal {principal} is not in spec.exemptPrincipalArns; the statement would deny the operator access to bucket {statement.Bucket}");
    }

    /// <summary>The policy as it would be written must be within S3's limit (<see cref="BucketPolicyLimits"/>).</summary>
    public static BucketPolicyRefusal? CheckSize(string bucket, string mergedPolicy)
    {
        var size = BucketPolicyLimits.SizeInBytes(mergedPolicy);
        return size <= BucketPolicyLimits.MaxBytes
            ? null
            : new(BucketPolicyReasons.PolicyTooLarge,
                $"the policy of bucket {bucket} with this statement would be {size} bytes; S3 allows {BucketPolicyLimits.MaxBytes}");
    }

    /// <summary>Every statement of the policy as it would be written must be one S3 takes back. A role or user deleted since
    /// its statement was written shows in the policy as its unique id (AROA…, AIDA…), and S3 refuses a policy naming one
    /// ("Invalid principal in policy"): writing the policy would fail, and leaving the statement out would drop someone
    /// else's statement, which the operator never does. <paramref name="doing"/> says what is not done ("writes nothing",
    /// "statement X is not removed").</summary>
    /// <exception cref="MalformedBucketPolicyException">The policy cannot be read.</exception>
    public static BucketPolicyRefusal? CheckPrincipalsResendable(string bucket, string policy, string doing)
    {
        var statements = BucketPolicyJson.Statements(BucketPolicyJson.Parse(policy));
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not JsonObject statement)
            {
                continue;
            }
            foreach (var key in new[] { "Principal", "NotPrincipal" })
            {
                if (statement[key] is JsonObject principal && DeletedPrincipal(principal["AWS"]) is { } id)
                {
                    var which = BucketPolicyJson.SidOf(statement) is { } sid ? $"statement {sid}" : $"statement {i + 1}";
                    return new(BucketPolicyReasons.DeletedPrincipalInPolicy,
                        $"{which} of the policy of bucket {bucket} names {id} in its {key}: the unique id S3 shows for an IAM role or user " +
                        $"that was deleted. S3 refuses a policy naming one (Invalid principal in policy) and the operator never drops a " +
                        $"statement it does not own, so it {doing}: remove that principal or statement from the bucket policy, or put the " +
                        "ARN of a principal that exists in its place");
                }
            }
        }
        return null;
    }

    private static string? DeletedPrincipal(JsonNode? aws) => aws switch
    {
        JsonValue value when value.TryGetValue<string>(out var id) && IamUniqueIds.IsUniqueId(id) => id,
        JsonArray list => list.Select(DeletedPrincipal).FirstOrDefault(id => id is not null),
        _ => null,
    };
}
