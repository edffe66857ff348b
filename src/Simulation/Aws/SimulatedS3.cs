using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>S3 bucket location and bucket policies, with S3's checks on policies (<see cref="BucketPolicyDocuments"/>), kept and
/// shown as S3 keeps and shows them, and every call checked against the bucket policy's Deny statements
/// (<see cref="BucketPolicyEvaluation"/>) for the caller (<paramref name="caller"/>: the world's, or an issued session's).
/// Bucket names are global: a call finds the bucket in whichever account holds it.</summary>
internal sealed class SimulatedS3(SimulatedWorld world, AwsCallGate gate, Func<CallerIdentity> caller) : IS3Api
{
    /// <summary>Answers for any account's bucket (the simulator models no cross-account grant for GetBucketLocation; AWS
    /// would want s3:GetBucketLocation allowed by the bucket's policy), still subject to its policy's Deny statements.</summary>
    public async Task<string> GetBucketRegionAsync(string bucket, string? expectedOwner, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketLocation", region: null, actionClass: null, ct).ConfigureAwait(false);
        var (who, principal, owner) = Resolve(bucket, expectedOwner);
        lock (owner.Sync)
        {
            var found = Bucket(owner, bucket);
            Authorize(owner, found, who, principal, "s3:GetBucketLocation");
            return found.Region;
        }
    }

    public async Task<string?> GetBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct)
    {
        await gate.PassAsync("s3:GetBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        var (who, principal, owner) = Resolve(bucket, expectedOwner);
        lock (owner.Sync)
        {
            var found = BucketIn(owner, region, bucket);
            OwnerOnly(owner, who, bucket, "s3:GetBucketPolicy");
            Authorize(owner, found, who, principal, "s3:GetBucketPolicy");
            // S3 answers NoSuchBucketPolicy; the port turns that into null.
            return found.Policy is { } stored ? BucketPolicyDocuments.Show(stored, owner.Iam) : null;
        }
    }

    public async Task PutBucketPolicyAsync(string region, string bucket, string policy, string? expectedOwner, CancellationToken ct)
    {
        await gate.PassAsync("s3:PutBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        var (who, principal, owner) = Resolve(bucket, expectedOwner);
        lock (owner.Sync)
        {
            var target = BucketIn(owner, region, bucket);
            OwnerOnly(owner, who, bucket, "s3:PutBucketPolicy");
            // The policy in force decides whether the caller may replace it.
            Authorize(owner, target, who, principal, "s3:PutBucketPolicy");
            BucketPolicyDocuments.Validate(bucket, policy, owner.Iam);
            target.Policy = BucketPolicyDocuments.Store(policy, owner.Iam);
        }
    }

    public async Task DeleteBucketPolicyAsync(string region, string bucket, string? expectedOwner, CancellationToken ct)
    {
        await gate.PassAsync("s3:DeleteBucketPolicy", region: null, actionClass: null, ct).ConfigureAwait(false);
        var (who, principal, owner) = Resolve(bucket, expectedOwner);
        lock (owner.Sync)
        {
            var target = BucketIn(owner, region, bucket);
            OwnerOnly(owner, who, bucket, "s3:DeleteBucketPolicy");
            Authorize(owner, target, who, principal, "s3:DeleteBucketPolicy");
            // Deleting a policy that is not there succeeds (204), as in S3.
            target.Policy = null;
        }
    }

    /// <summary>Who calls, their aws:PrincipalArn and the world holding the bucket (NoSuchBucket when none does), found before
    /// any world's lock is taken (<see cref="AwsAccounts"/>'s lock order).</summary>
    private (CallerIdentity Who, string Principal, SimulatedWorld Owner) Resolve(string bucket, string? expectedOwner)
    {
        var who = caller();
        var principal = world.Accounts.PrincipalArnOf(who);
        var owner = world.Accounts.BucketOwner(bucket)?.World ?? throw NoSuchBucket();
        ExpectOwner(owner, expectedOwner);
        return (who, principal, owner);
    }

    /// <summary>ExpectedBucketOwner (x-amz-expected-bucket-owner): "If the account ID that you provide does not match the
    /// actual owner of the bucket, the request fails with the HTTP status code 403 Forbidden (access denied)"
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html; the same sentence on
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html). S3 names no reason: the body is the bare
    /// AccessDenied, "Access Denied", whoever calls and whatever the bucket's policy says.</summary>
    private static void ExpectOwner(SimulatedWorld owner, string? expectedOwner)
    {
        if (expectedOwner is not null && expectedOwner != owner.AccountId)
            throw new AwsApiException(AwsErrorCodes.AccessDenied, S3BareAccessDenied, 403);
    }

    /// <summary>S3's AccessDenied message when it gives no reason.</summary>
    internal const string S3BareAccessDenied = "Access Denied";

    /// <summary>"The calling identity must both have the PutBucketPolicy permissions on the specified bucket and belong to the
    /// bucket owner's account" (likewise Get and Delete,
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html). AWS answers 405 MethodNotAllowed to another
    /// account's identity that the bucket's policy grants the action, 403 AccessDenied to one it does not; the simulator models
    /// no Allow grants, so another account is always AccessDenied.</summary>
    private void OwnerOnly(SimulatedWorld owner, CallerIdentity who, string bucket, string action)
    {
        if (owner != world)
            throw new AwsApiException(AwsErrorCodes.AccessDenied,
                $"User: {who.Arn} is not authorized to perform: {action} on resource: \"arn:aws:s3:::{bucket}\" because no resource-based policy allows the {action} action", 403);
    }

    /// <summary>403 AccessDenied when a Deny statement of the bucket's policy applies to the call. The bucket owner's root user is
    /// spared for GetBucketPolicy, PutBucketPolicy and DeleteBucketPolicy, so a policy that denies everyone can still be
    /// removed (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html;
    /// https://repost.aws/knowledge-center/s3-accidentally-denied-access); nobody else is. The message is IAM's for an
    /// explicit deny (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).</summary>
    private static void Authorize(SimulatedWorld owner, SimBucket bucket, CallerIdentity who, string principal, string action)
    {
        if (bucket.Policy is not { } stored)
            return;
        if (action is "s3:GetBucketPolicy" or "s3:PutBucketPolicy" or "s3:DeleteBucketPolicy" && who.Arn == $"arn:aws:iam::{who.Account}:root"
            && who.Account == owner.AccountId)
            return;
        var resource = $"arn:aws:s3:::{bucket.Name}";
        if (BucketPolicyDocuments.ShownObject(stored, owner.Iam) is { } policy
            && BucketPolicyEvaluation.DeniedBy(policy, owner.S3Request(who, principal, action, resource)) is not null)
            throw new AwsApiException(AwsErrorCodes.AccessDenied,
                $"User: {who.Arn} is not authorized to perform: {action} on resource: \"{resource}\" with an explicit deny in a resource-based policy", 403);
    }

    private static AwsApiException NoSuchBucket() =>
        new(AwsErrorCodes.NoSuchBucket, "The specified bucket does not exist", 404);

    private static SimBucket Bucket(SimulatedWorld owner, string bucket) => owner.Buckets.GetValueOrDefault(bucket) ?? throw NoSuchBucket();

    /// <summary>A bucket addressed through another region's endpoint is redirected by S3, not served.</summary>
    private static SimBucket BucketIn(SimulatedWorld owner, string region, string bucket)
    {
        var found = Bucket(owner, bucket);
        if (found.Region != region)
            throw new AwsApiException("PermanentRedirect",
                $"The bucket you are attempting to access must be addressed using the specified endpoint ({found.Region}). Please send all future requests to this endpoint.", 301);
        return found;
    }
}
