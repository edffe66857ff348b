using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Diff;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Deletion of an EndpointBucketPolicy: Retain leaves the statement; Delete takes only the statement this object
/// wrote out of the bucket policy (deleting the policy when no statement remains), then lets the object go.</summary>
public sealed class EndpointBucketPolicyFinalizer(
    IResourceClient<EndpointBucketPolicy> client, BucketReader buckets, BucketPolicyApplier applier,
    StatusWriter<EndpointBucketPolicy> statusWriter, TimeProvider time, ILogger logger)
{
    public async Task<ReconcileResult> FinalizeAsync(EndpointBucketPolicy resource, CancellationToken ct)
    {
        if (!Finalizers.Has(resource))
        {
            return ReconcileResult.Done;
        }
        var notes = new List<PendingEvent>();
        Refusal? failure = null;
        Exception? error = null;
        try
        {
            failure = await RemoveStatementAsync(resource, notes, ct);
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            logger.LogWarning("{Kind} {Namespace}/{Name}: deleting: {Message}", resource.Kind, resource.Metadata.Namespace, resource.Metadata.Name, e.Message);
            error = e;
        }
        if (failure is null && error is null)
        {
            await statusWriter.RecordEventsAsync(resource, notes, ct);
            await Finalizers.RemoveAsync(client, resource, ct);
            return ReconcileResult.Done;
        }
        var report = EndpointBucketPolicyStatusRoom.Build(resource.Status, resource.Metadata.Generation, time.GetUtcNow(),
            new BucketPolicySyncResult
            {
                Outcome = error is null ? SyncOutcome.Refused : SyncOutcome.AwsFailed, Refusal = failure, Error = error,
                Bucket = resource.Spec.Bucket, Notes = notes,
            });
        resource.Status = report.Status;
        await statusWriter.WriteAsync(resource, report.Events, ct);
        return ReconcileResult.Backoff();
    }

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
                return null;
            }
            region = reading!.Region;
        }
        try
        {
            if (await applier.RemoveAsync(region, bucket, claimed, ct))
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
