using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>S3's answer to a call whose ExpectedBucketOwner is not the bucket's owner: 403 AccessDenied with S3's bare
/// message, "Access Denied", no reason named
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html). A denial by IAM or a bucket policy
/// in the caller's own account names its reason ("User: … is not authorized to perform: …"), so the bare one is taken as the
/// owner condition failing; either way nothing is written.</summary>
public static class BucketOwnerMismatch
{
    public const string BareAccessDenied = "Access Denied";

    // The exception's message is "Code: message", AWS's own message after the code.
    public static bool Is(AwsApiException error) => error.IsAccessDenied && error.Message == $"{error.Code}: {BareAccessDenied}";

    public static BucketPolicyRefusal Refusal(string bucket, string expectedOwner, string action) =>
        new(BucketPolicyReasons.BucketOwnerMismatch,
            $"spec.bucket: S3 denied {action} on bucket {bucket} to a call expecting account {expectedOwner} to own it: the bucket " +
            $"is owned by another account (a bucket name that was deleted and taken again); nothing is read or written there");
}
