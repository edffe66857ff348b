namespace Vpce.Operator.Model;

/// <summary>Reasons an EndpointBucketPolicy writes nothing to the bucket policy (Ready=False with this reason).</summary>
public static class BucketPolicyReasons
{
    public const string SidConflict = "SidConflict";
    public const string RegionMismatch = "RegionMismatch";
    public const string WouldLockOutOperator = "WouldLockOutOperator";
    public const string PolicyTooLarge = "PolicyTooLarge";
    public const string MalformedBucketPolicy = "MalformedBucketPolicy";
}
