using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Aws;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Reconciles one EndpointBucketPolicy as a short script of named phases: validate → resolve the admitted
/// endpoints → read the bucket → check regions → model the statement → diff it against the policy → the safety rules →
/// write (or report) → status. It owns one statement of the bucket policy and never more.</summary>
public sealed class EndpointBucketPolicyController : IReconciler<EndpointBucketPolicy>
{
    private const string Kind = EndpointBucketPolicy.KindName;
    private readonly IResourceClient<EndpointBucketPolicy> _client;
    private readonly StatusWriter<EndpointBucketPolicy> _statusWriter;
    private readonly OwnStatusWrites<EndpointBucketPolicy> _ownWrites = new();
    private readonly AdmittedEndpointResolver _endpoints;
    private readonly BucketReader _buckets;
    private readonly CallerIdentityCache _identity;
    private readonly BucketPolicyApplier _applier;
    private readonly EndpointBucketPolicyFinalizer _finalizer;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RegionsInUse? _regions;
    private readonly BucketSnapshot _bucketSnapshot;
    // The bucket each object names, so a bucket's snapshot goes with the last object that names it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ResourceKey, string> _bucketOf = new();

    /// <param name="findVpcEndpoint">The VpcEndpoint cache: spec.vpcEndpointRef is read from it, never from the API server.</param>
    /// <param name="account">The reads shared with the VpcEndpoint controller; its own when null.</param>
    public EndpointBucketPolicyController(IAwsApis aws, IResourceClient<EndpointBucketPolicy> client, IEventRecorder events,
        Func<string, string, VpcEndpoint?> findVpcEndpoint, OperatorMetrics metrics, ReconcileSettings settings, TimeProvider time,
        ILogger<EndpointBucketPolicyController> logger, RegionsInUse? regions = null, AccountReads? account = null)
    {
        _client = client;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _regions = regions;
        _statusWriter = new StatusWriter<EndpointBucketPolicy>(client, events, metrics, _ownWrites, logger);
        _endpoints = new AdmittedEndpointResolver(aws.Ec2, findVpcEndpoint);
        account ??= AccountReads.For(aws, time, settings.SnapshotWindow, settings.DefaultRegion);
        _bucketSnapshot = account.Buckets;
        _buckets = new BucketReader(aws.S3, _bucketSnapshot);
        _identity = account.Identity;
        _applier = new BucketPolicyApplier(aws.S3, _buckets, new BucketWriteLocks());
        _finalizer = new EndpointBucketPolicyFinalizer(client, _buckets, _applier, _statusWriter, time, logger);
    }

    public void Cached(EndpointBucketPolicy resource) => _ownWrites.Cached(resource);

    /// <summary>This process's status writes the informer's cache does not show yet.</summary>
    internal int UncachedStatusWrites => _ownWrites.Count;

    public void Forget(ResourceKey key)
    {
        _ownWrites.Forget(key);
        _regions?.Release(RegionsInUse.KeyOf(key.Kind, key.Namespace, key.Name));
        _metrics.ForgetObject(key.Kind, key.Namespace, key.Name);
        if (_bucketOf.TryRemove(key, out var bucket) && !_bucketOf.Values.Contains(bucket))
        {
            _bucketSnapshot.Forget(bucket);
        }
    }

    /// <param name="resource">The runtime's own copy of the cached object: this reconcile may change it. When the cache lags
    /// this process's last status write of it, the object that write stored is reconciled instead.</param>
    public Task<ReconcileResult> ReconcileAsync(EndpointBucketPolicy resource, CancellationToken ct) => ReconcileGuard.RunAsync(async () =>
    {
        // The status we wrote last is the previous one even while the watch has not brought it back: a finding warns once.
        resource = _ownWrites.Newest(resource);
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await _finalizer.FinalizeAsync(resource, ct);
        }
        var sync = await SyncAsync(resource, ct);
        var report = EndpointBucketPolicyStatusRoom.Build(resource.Status, resource.Metadata.Generation, _time.GetUtcNow(), sync);
        resource.Status = report.Status;
        await _statusWriter.WriteAsync(resource, report, ct);
        return sync.Outcome switch
        {
            SyncOutcome.Refused => ReconcileResult.FailedUntilChanged,
            SyncOutcome.AwsFailed => ReconcileResult.Backoff(),
            // Waiting for a VpcEndpoint: its status change queues this object again (and the resync does).
            _ => ReconcileResult.Done,
        };
    });

    private async Task<BucketPolicySyncResult> SyncAsync(EndpointBucketPolicy resource, CancellationToken ct)
    {
        var spec = resource.Spec;
        var facts = new BucketPolicySyncResult { Outcome = SyncOutcome.Unchanged, Bucket = spec.Bucket };
        try
        {
            await Finalizers.EnsureAsync(_client, resource, ct);
            var errors = EndpointBucketPolicySpecValidator.Validate(spec);
            if (errors.Count > 0)
            {
                return Refused(facts, new(ReadyReasons.InvalidSpec, string.Join("; ", errors)));
            }

            var admitted = _endpoints.ResolveReference(resource);
            if (admitted.Problem is { } notReady)
            {
                return facts with { Outcome = SyncOutcome.Waiting, Note = Refusal.Of(notReady).Message };
            }
            _bucketOf[ResourceKey.Of(resource)] = spec.Bucket;
            var (bucket, missing) = await _buckets.ReadAsync(spec.Bucket, ct);
            if (missing is not null)
            {
                return Refused(facts, Refusal.Of(missing));
            }
            _regions?.Use(RegionsInUse.KeyOf(Kind, resource.Metadata.Namespace, resource.Metadata.Name), bucket!.Region);
            facts = facts with { BucketRegion = bucket!.Region };
            if (admitted.Region is { } endpointRegion && BucketPolicyChecks.CheckRegion(spec.Bucket, bucket.Region, endpointRegion) is { } elsewhere)
            {
                return Refused(facts, Refusal.Of(elsewhere));
            }
            if (await _endpoints.CheckExplicitAsync(spec, bucket.Region, ct) is { } foreign)
            {
                return Refused(facts, Refusal.Of(foreign));
            }

            var desired = BucketStatementModel.Build(resource, admitted.ReferencedEndpointId);
            var comparison = BucketStatementDiff.Compare(bucket.Policy, desired, resource.Status?.StatementSid);
            if (comparison.State != BucketStatementState.Matches)
            {
                // A difference the snapshot shows is confirmed on S3 itself before it is reported, refused or written.
                bucket = await _buckets.ReadPolicyAsync(spec.Bucket, bucket.Region, ct);
                comparison = BucketStatementDiff.Compare(bucket.Policy, desired, resource.Status?.StatementSid);
            }
            if (comparison.Refusal is { } conflict)
            {
                return Refused(facts, Refusal.Of(conflict));
            }
            var caller = await _identity.GetAsync(ct);
            if (BucketPolicyChecks.CheckOperatorExempt(caller.Arn, desired) is { } lockout)
            {
                return Refused(facts, Refusal.Of(lockout));
            }
            if (!comparison.NeedsWrite)
            {
                return facts with { Outcome = SyncOutcome.Unchanged, StatementSid = desired.Sid, EndpointIds = desired.EndpointIds };
            }
            if (comparison.IsDrift && spec.DriftPolicy == DriftPolicies.Report)
            {
                return facts with { Outcome = SyncOutcome.Reported, Differences = comparison.Differences };
            }
            return await WriteAsync(bucket.Region, desired, resource.Status?.StatementSid, facts, ct);
        }
        catch (MalformedBucketPolicyException e)
        {
            return Refused(facts, new(BucketPolicyReasons.MalformedBucketPolicy, $"the policy of bucket {spec.Bucket} cannot be read: {e.Message}; it is left as it is"));
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            _logger.LogWarning("{Kind} {Namespace}/{Name}: {Reason}: {Message}", Kind, resource.Metadata.Namespace, resource.Metadata.Name,
                AwsFailures.Describe(e).Reason, e.Message);
            return facts with { Outcome = SyncOutcome.AwsFailed, Error = e };
        }
    }

    private async Task<BucketPolicySyncResult> WriteAsync(string region, DesiredStatement desired, string? writtenSid,
        BucketPolicySyncResult facts, CancellationToken ct)
    {
        var write = await _applier.WriteAsync(region, desired, writtenSid, merged => BucketPolicyChecks.CheckSize(desired.Bucket, merged), ct);
        if (write.Refusal is { } refusal)
        {
            return Refused(facts, Refusal.Of(refusal));
        }
        facts = facts with { StatementSid = desired.Sid, EndpointIds = desired.EndpointIds };
        if (!write.Written)
        {
            // Someone put exactly our statement in place between the two reads.
            return facts with { Outcome = SyncOutcome.Unchanged };
        }
        var written = new PendingEvent(EventTypes.Normal, "StatementWritten",
            $"wrote statement {desired.Sid} into the policy of bucket {desired.Bucket}: deny {string.Join(",", desired.Actions)} except through {string.Join(",", desired.EndpointIds)}");
        return write.Comparison.State == BucketStatementState.Absent
            ? facts with { Outcome = SyncOutcome.Created, Notes = [written] }
            : facts with { Outcome = SyncOutcome.Corrected, Differences = write.Comparison.Differences };
    }

    private static BucketPolicySyncResult Refused(BucketPolicySyncResult facts, Refusal refusal) =>
        facts with { Outcome = SyncOutcome.Refused, Refusal = refusal };
}
