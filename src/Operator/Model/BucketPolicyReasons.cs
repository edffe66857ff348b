namespace Vpce.Operator.Model;

/// <summary>Reasons an EndpointBucketPolicy writes nothing to the bucket policy (Ready=False with this reason).</summary>
public static class BucketPolicyReasons
{
    public const string SidConflict = "SidConflict";
    public const string RegionMismatch = "RegionMismatch";
    public const string WouldLockOutOperator = "WouldLockOutOperator";
    public const string PolicyTooLarge = "PolicyTooLarge";
    public const string MalformedBucketPolicy = "MalformedBucketPolicy";
    /// <summary>A statement the object would have to send back names a deleted IAM principal by its unique id, which S3
    /// refuses; the operator never drops a statement it does not own, so it writes nothing.</summary>
    public const string DeletedPrincipalInPolicy = "DeletedPrincipalInPolicy";
    /// <summary>S3 refused a call carrying ExpectedBucketOwner (the account the operator acts in): another account owns the
    /// bucket now. Nothing is written.</summary>
    public const string BucketOwnerMismatch = "BucketOwnerMismatch";
}
