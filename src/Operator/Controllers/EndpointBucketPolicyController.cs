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
/// endpoints → read the bucket (snapshot) → check explicit endpoints → model the statement → plan on the snapshot (the
/// safety rules, the diff) → when that is not "unchanged": plan again on a fresh read under the bucket's lock, claim,
/// write (or report, or refuse) → status. It owns one statement of the bucket policy and never more.</summary>
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
        _buckets = new BucketReader(_bucketSnapshot);
        _identity = account.Identity;
        _applier = new BucketPolicyApplier(new WriteThroughS3Api(aws.S3, _bucketSnapshot), new BucketWriteLocks());
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
            if (await _endpoints.CheckExplicitAsync(spec, bucket.Region, ct) is { } foreign)
            {
                return Refused(facts, Refusal.Of(foreign));
            }

            var desired = BucketStatementModel.Build(resource, admitted.ReferencedEndpointId);
            var caller = await _identity.GetAsync(ct);
            var status = resource.Status;
            BucketPolicyPlan PlanOn(string? policy) => BucketPolicyPlanner.Plan(new BucketPolicyPlanInput
            {
                Policy = policy,
                Desired = desired,
                BucketRegion = bucket.Region,
                EndpointRegion = admitted.Region,
                WrittenSid = status?.StatementSid,
                OwnedSids = status?.OwnedStatementSids ?? [],
                CallerArn = caller.Arn,
                ReportOnly = spec.DriftPolicy == DriftPolicies.Report,
            });
            var plan = PlanOn(bucket.Policy);
            if (plan.Kind != BucketPolicyPlanKind.Unchanged)
            {
                // What the snapshot shows is decided again on S3 itself, under the bucket's lock, before it is refused,
                // reported or written.
                plan = await _applier.ApplyAsync(bucket.Region, spec.Bucket, PlanOn, (sids, c) => ClaimAsync(resource, sids, c), ct);
            }
            return Outcome(plan, desired, facts);
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

    /// <summary>Records in status that the object is about to own <paramref name="sids"/>, before the write that puts them in
    /// the policy (nothing new to record: no status write).</summary>
    private async Task ClaimAsync(EndpointBucketPolicy resource, IReadOnlyList<string> sids, CancellationToken ct)
    {
        var status = resource.Status ??= new EndpointBucketPolicyStatus();
        if (sids.All(status.OwnedStatementSids.Contains))
        {
            return;
        }
        status.OwnedStatementSids = [.. status.OwnedStatementSids.Union(sids, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await _statusWriter.RecordClaimAsync(resource, ct);
    }

    private static BucketPolicySyncResult Outcome(BucketPolicyPlan plan, DesiredStatement desired, BucketPolicySyncResult facts)
    {
        switch (plan.Kind)
        {
            case BucketPolicyPlanKind.Refuse:
                return Refused(facts, Refusal.Of(plan.Refusal!));
            case BucketPolicyPlanKind.Report:
                return facts with { Outcome = SyncOutcome.Reported, Differences = plan.Comparison!.Differences };
        }
        // In place now, written or found: the desired Sid is the one statement the object holds (a write took its
        // superseded ones out; an unchanged plan found none left).
        facts = facts with { StatementSid = desired.Sid, EndpointIds = desired.EndpointIds, OwnedStatementSids = [desired.Sid] };
        if (plan.Kind == BucketPolicyPlanKind.Unchanged)
        {
            return facts with { Outcome = SyncOutcome.Unchanged };
        }
        var written = new PendingEvent(EventTypes.Normal, "StatementWritten",
            $"wrote statement {desired.Sid} into the policy of bucket {desired.Bucket}: deny {string.Join(",", desired.Actions)} except through {string.Join(",", desired.EndpointIds)}");
        return plan.Comparison!.State == BucketStatementState.Absent
            ? facts with { Outcome = SyncOutcome.Created, Notes = [written] }
            : facts with { Outcome = SyncOutcome.Corrected, Differences = plan.Comparison.Differences };
    }

    private static BucketPolicySyncResult Refused(BucketPolicySyncResult facts, Refusal refusal) =>
        facts with { Outcome = SyncOutcome.Refused, Refusal = refusal };
}
