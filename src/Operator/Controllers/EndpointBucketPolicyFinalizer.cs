using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Deletion of an EndpointBucketPolicy: Retain leaves the statement; Delete takes every statement this object
/// claims (the one it wrote last, and any it claimed before a write a crash may have cut short) out of the bucket policy in
/// one write, deleting the policy when no statement remains, then lets the object go.</summary>
public sealed class EndpointBucketPolicyFinalizer(BucketReader buckets, BucketPolicyApplier applier, TimeProvider time)
{
    public async Task<DeletionResult<EndpointBucketPolicyStatus>> DeleteAsync(EndpointBucketPolicy resource, CancellationToken ct)
    {
        var notes = new List<PendingEvent>();
        return await RemoveStatementAsync(resource, notes, ct) is { } failure
            ? DeletionResult<EndpointBucketPolicyStatus>.Pending(Report(resource, new BucketPolicySyncResult
            {
                Outcome = SyncOutcome.Refused, Refusal = failure, Bucket = resource.Spec.Bucket, Notes = notes,
            }), ReconcileResult.Backoff())
            : DeletionResult<EndpointBucketPolicyStatus>.Finished(notes);
    }

    public static DeletionResult<EndpointBucketPolicyStatus> Failed(EndpointBucketPolicy resource, Exception error, DateTimeOffset now) =>
        DeletionResult<EndpointBucketPolicyStatus>.Pending(EndpointBucketPolicyStatusBuilder.Build(resource.Status, resource.Metadata.Generation, now,
            new BucketPolicySyncResult { Outcome = SyncOutcome.AwsFailed, Error = error, Bucket = resource.Spec.Bucket }), ReconcileResult.Backoff());

    private StatusReport<EndpointBucketPolicyStatus> Report(EndpointBucketPolicy resource, BucketPolicySyncResult sync) =>
        EndpointBucketPolicyStatusBuilder.Build(resource.Status, resource.Metadata.Generation, time.GetUtcNow(), sync);

    /// <summary>Null when nothing in the bucket policy holds the object any more.</summary>
    private async Task<Refusal?> RemoveStatementAsync(EndpointBucketPolicy resource, List<PendingEvent> notes, CancellationToken ct)
    {
        var bucket = resource.Spec.Bucket;
        var status = resource.Status;
        if (resource.Spec.DeletionPolicy == DeletionPolicies.Retain)
        {
            notes.Add(new(EventTypes.Normal, "Retained", $"deletionPolicy is Retain: statement {status?.StatementSid ?? "(none)"} stays in the policy of bucket {bucket}"));
            return null;
        }
        // The statement written last and every one claimed before a write that may have reached S3 before a crash.
        var claimed = BucketStatementDiff.Claimed(status?.StatementSid, status?.OwnedStatementSids);
        if (claimed.Count == 0)
        {
            // This object never wrote a statement: there is nothing of its own to take away.
            return null;
        }
        var sids = string.Join(", ", claimed);
        var region = status?.BucketRegion;
        if (region is null)
        {
            var (reading, missing) = await buckets.ReadAsync(bucket, ct);
            if (missing is not null)
            {
                // A bucket gone took the statement with it; one another account owns now is not written to, and the object
                // waits (its finalizer can be removed by hand once that is understood).
                return missing.Reason == BucketPolicyReasons.BucketOwnerMismatch ? Refusal.Of(missing) : null;
            }
            region = reading!.Region;
        }
        try
        {
            var removal = await applier.RemoveAsync(region, bucket, claimed, ct);
            if (removal.Refusal is { } kept)
            {
                return Refusal.Of(kept);
            }
            if (removal.Changes)
            {
                notes.Add(new(EventTypes.Normal, "StatementRemoved", $"removed statement {sids} from the policy of bucket {bucket}"));
            }
        }
        catch (AwsApiException e) when (e.Code == AwsErrorCodes.NoSuchBucket)
        {
            // The bucket went first, and its policy with it.
        }
        catch (MalformedBucketPolicyException e)
        {
            return new(ReadyReasons.DeleteFailed, $"the policy of bucket {bucket} cannot be read ({e.Message}); statement {sids} is not removed");
        }
        return null;
    }
}
