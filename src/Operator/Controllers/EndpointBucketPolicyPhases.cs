using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
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

/// <summary>The EndpointBucketPolicy kind's phases: validate → resolve the admitted endpoints → read the bucket (snapshot) and
/// check explicit endpoints → plan on the snapshot (the safety rules, the diff) → apply: when the plan is not "unchanged",
/// plan again on a fresh read under the bucket's lock, claim, write (or report, or refuse). It owns one statement of the
/// bucket policy and never more; deletion is <see cref="EndpointBucketPolicyFinalizer"/>'s.</summary>
public sealed class EndpointBucketPolicyPhases : IKindPhases<EndpointBucketPolicy, EndpointBucketPolicyStatus, BucketPolicySyncResult, BucketPolicyPass>
{
    private readonly StatusWriter<EndpointBucketPolicy> _statusWriter;
    private readonly AdmittedEndpointResolver _endpoints;
    private readonly BucketReader _buckets;
    private readonly CallerIdentityCache _identity;
    private readonly BucketPolicyApplier _applier;
    private readonly EndpointBucketPolicyFinalizer _finalizer;
    private readonly RegionsInUse? _regions;
    private readonly BucketSnapshot _bucketSnapshot;
    // The bucket each object names, so a bucket's snapshot goes with the last object that names it.
    private readonly ConcurrentDictionary<ResourceKey, string> _bucketOf = new();

    /// <summary>The EndpointBucketPolicy controller: these phases on the reconcile skeleton.</summary>
    /// <param name="findVpcEndpoint">The VpcEndpoint cache: spec.vpcEndpointRef is read from it, never from the API server.</param>
    /// <param name="account">The reads shared with the VpcEndpoint controller; its own when null.</param>
    public static ReconcileSkeleton<EndpointBucketPolicy, EndpointBucketPolicyStatus, BucketPolicySyncResult, BucketPolicyPass> Controller(
        IAwsApis aws, IResourceClient<EndpointBucketPolicy> client, IEventRecorder events, Func<string, string, VpcEndpoint?> findVpcEndpoint,
        Observability.OperatorMetrics metrics, ReconcileSettings settings, TimeProvider time, ILogger logger, RegionsInUse? regions = null,
        AccountReads? account = null) =>
        new(writer => new EndpointBucketPolicyPhases(aws, writer, findVpcEndpoint, settings, time, regions, account), client, events, metrics, time, logger);

    private EndpointBucketPolicyPhases(IAwsApis aws, StatusWriter<EndpointBucketPolicy> statusWriter, Func<string, string, VpcEndpoint?> findVpcEndpoint,
        ReconcileSettings settings, TimeProvider time, RegionsInUse? regions, AccountReads? account)
    {
        _statusWriter = statusWriter;
        _regions = regions;
        _endpoints = new AdmittedEndpointResolver(aws.Ec2, findVpcEndpoint);
        account ??= AccountReads.For(aws, time, settings.SnapshotWindow, settings.DefaultRegion);
        _bucketSnapshot = account.Buckets;
        _buckets = new BucketReader(_bucketSnapshot);
        _identity = account.Identity;
        _applier = new BucketPolicyApplier(new WriteThroughS3Api(aws.S3, _bucketSnapshot), new BucketWriteLocks());
        _finalizer = new EndpointBucketPolicyFinalizer(_buckets, _applier, time);
        Phases =
        [
            new("validate", ValidateAsync),
            new("resolve", ResolveAsync),
            new("read", ReadAsync),
            new("plan", PlanAsync),
            new("apply", ApplyAsync),
        ];
    }

    public string Kind => EndpointBucketPolicy.KindName;

    public IReadOnlyList<ReconcilePhase<BucketPolicyPass>> Phases { get; }

    public BucketPolicyPass Begin(EndpointBucketPolicy resource) => new(resource);

    public StatusReport<EndpointBucketPolicyStatus> Report(BucketPolicyPass pass, DateTimeOffset now) =>
        EndpointBucketPolicyStatusBuilder.Build(pass.Resource.Status, pass.Resource.Metadata.Generation, now, pass.Sync);

    /// <summary>Waiting for a VpcEndpoint: its status change queues this object again (and the resync does).</summary>
    public ReconcileResult Next(BucketPolicyPass pass) => ReconcileResult.Done;

    public Task<DeletionResult<EndpointBucketPolicyStatus>> DeleteAsync(EndpointBucketPolicy resource, CancellationToken ct) =>
        _finalizer.DeleteAsync(resource, ct);

    public DeletionResult<EndpointBucketPolicyStatus> DeletionFailed(EndpointBucketPolicy resource, Exception error, DateTimeOffset now) =>
        _finalizer.Failed(resource, error, now);

    public void Forget(ResourceKey key)
    {
        _regions?.Release(RegionsInUse.KeyOf(key.Kind, key.Namespace, key.Name));
        if (_bucketOf.TryRemove(key, out var bucket) && !_bucketOf.Values.Contains(bucket))
        {
            _bucketSnapshot.Forget(bucket);
        }
    }

    private static Task<PhaseStep> ValidateAsync(BucketPolicyPass pass, CancellationToken ct) =>
        Task.FromResult(EndpointBucketPolicySpecValidator.Validate(pass.Resource.Spec) is { Count: > 0 } errors
            ? pass.Refuse(new(ReadyReasons.InvalidSpec, string.Join("; ", errors)))
            : PhaseStep.Next);

    private Task<PhaseStep> ResolveAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        pass.Admitted = _endpoints.ResolveReference(pass.Resource);
        return Task.FromResult(pass.Admitted.Problem is { } notReady
            ? pass.Stop(pass.Sync with { Outcome = SyncOutcome.Waiting, WaitingFor = Refusal.Of(notReady).Message })
            : PhaseStep.Next);
    }

    private async Task<PhaseStep> ReadAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var spec = resource.Spec;
        _bucketOf[ResourceKey.Of(resource)] = spec.Bucket;
        var (bucket, missing) = await _buckets.ReadAsync(spec.Bucket, ct);
        if (missing is not null)
        {
            return pass.Refuse(Refusal.Of(missing));
        }
        _regions?.Use(Kind, resource.Metadata.Namespace, resource.Metadata.Name, bucket!.Region);
        pass.Bucket = bucket;
        pass.Sync = pass.Sync with { BucketRegion = bucket!.Region };
        return await _endpoints.CheckExplicitAsync(spec, bucket.Region, ct) is { } foreign ? pass.Refuse(Refusal.Of(foreign)) : PhaseStep.Next;
    }

    private async Task<PhaseStep> PlanAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = BucketStatementModel.Build(resource, pass.Admitted!.ReferencedEndpointId);
        var caller = await _identity.GetAsync(ct);
        var status = resource.Status;
        var bucket = pass.Bucket!;
        pass.Desired = desired;
        pass.Planner = policy => BucketPolicyPlanner.Plan(new BucketPolicyPlanInput
        {
            Policy = policy,
            Desired = desired,
            BucketRegion = bucket.Region,
            EndpointRegion = pass.Admitted.Region,
            WrittenSid = status?.StatementSid,
            OwnedSids = status?.OwnedStatementSids ?? [],
            CallerArn = caller.Arn,
            ReportOnly = resource.Spec.DriftPolicy == DriftPolicies.Report,
        });
        return Decided(pass, () => pass.Planner(bucket.Policy));
    }

    /// <summary>What the snapshot shows is decided again on S3 itself, under the bucket's lock, before it is refused, reported
    /// or written; an unchanged statement, and a refusal no policy text could lift, cost no call.</summary>
    private async Task<PhaseStep> ApplyAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        if (pass.Plan!.WorthConfirming)
        {
            var plan = await TryAsync(pass, () => _applier.ApplyAsync(pass.Bucket!.Region, pass.Resource.Spec.Bucket, pass.Planner!,
                (sids, c) => ClaimAsync(pass.Resource, sids, c), ct));
            if (plan is null)
            {
                return PhaseStep.Stop;
            }
            pass.Plan = plan;
        }
        return pass.Stop(Outcome(pass.Plan, pass.Desired!, pass.Sync));
    }

    private static PhaseStep Decided(BucketPolicyPass pass, Func<BucketPolicyPlan> plan)
    {
        try
        {
            pass.Plan = plan();
            return PhaseStep.Next;
        }
        catch (MalformedBucketPolicyException e)
        {
            return Malformed(pass, e);
        }
    }

    private static async Task<BucketPolicyPlan?> TryAsync(BucketPolicyPass pass, Func<Task<BucketPolicyPlan>> apply)
    {
        try
        {
            return await apply();
        }
        catch (MalformedBucketPolicyException e)
        {
            Malformed(pass, e);
            return null;
        }
    }

    private static PhaseStep Malformed(BucketPolicyPass pass, MalformedBucketPolicyException e) =>
        pass.Refuse(new(BucketPolicyReasons.MalformedBucketPolicy, $"the policy of bucket {pass.Resource.Spec.Bucket} cannot be read: {e.Message}; it is left as it is"));

    /// <summary>Records in status that the object is about to own <paramref name="sids"/>, before the write that puts them in
    /// the policy (nothing new to record: no status write).</summary>
    private async Task ClaimAsync(EndpointBucketPolicy resource, IReadOnlyList<string> sids, CancellationToken ct)
    {
        var status = resource.Status ?? new EndpointBucketPolicyStatus();
        if (sids.All(status.OwnedStatementSids.Contains))
        {
            return;
        }
        // The reconcile shares the cached status (ResourceCopy.ForReconcile): the claim changes a copy of its own.
        resource.Status = status = ResourceCopy.StatusOf(status);
        status.OwnedStatementSids = [.. status.OwnedStatementSids.Union(sids, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await _statusWriter.RecordClaimAsync(resource, ct);
    }

    private static BucketPolicySyncResult Outcome(BucketPolicyPlan plan, DesiredStatement desired, BucketPolicySyncResult sync)
    {
        switch (plan.Kind)
        {
            case BucketPolicyPlanKind.Refuse:
                return sync with { Outcome = SyncOutcome.Refused, Refusal = Refusal.Of(plan.Refusal!) };
            case BucketPolicyPlanKind.Report:
                return sync with { Outcome = SyncOutcome.Reported, Differences = plan.Comparison!.Differences };
        }
        // In place now, written or found: the desired Sid is the one statement the object holds (a write took its
        // superseded ones out; an unchanged plan found none left).
        sync = sync with { StatementSid = desired.Sid, EndpointIds = desired.EndpointIds, OwnedStatementSids = [desired.Sid] };
        if (plan.Kind == BucketPolicyPlanKind.Unchanged)
        {
            return sync with { Outcome = SyncOutcome.Unchanged };
        }
        var written = new PendingEvent(EventTypes.Normal, "StatementWritten",
            $"wrote statement {desired.Sid} into the policy of bucket {desired.Bucket}: deny {string.Join(",", desired.Actions)} except through {string.Join(",", desired.EndpointIds)}");
        return plan.Comparison!.State == BucketStatementState.Absent
            ? sync with { Outcome = SyncOutcome.Created, Notes = [written] }
            : sync with { Outcome = SyncOutcome.Corrected, Differences = plan.Comparison.Differences };
    }
}
