
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
}
