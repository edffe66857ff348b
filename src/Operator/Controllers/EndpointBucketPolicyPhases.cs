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
    private readonly AccountResolver _accounts;
    private readonly TimeProvider _time;
    // Each account scope's rooms, made when its first object comes.
    private readonly RoomsPerScope<BucketRooms> _rooms;
    // The bucket each object names, and in which account's rooms, so a bucket's snapshot goes with the last object naming it.
    private readonly ConcurrentDictionary<ResourceKey, (BucketRooms Rooms, string Bucket)> _bucketOf = new();

    /// <summary>The EndpointBucketPolicy controller: these phases on the reconcile skeleton.</summary>
    /// <param name="findVpcEndpoint">The VpcEndpoint cache: spec.vpcEndpointRef is read from it, never from the API server.</param>
    /// <param name="account">The reads shared with the VpcEndpoint controller; its own when null.</param>
    public static ReconcileSkeleton<EndpointBucketPolicy, EndpointBucketPolicyStatus, BucketPolicySyncResult, BucketPolicyPass> Controller(
        AccountResolver accounts, IResourceClient<EndpointBucketPolicy> client, IEventRecorder events, Func<string, string, VpcEndpoint?> findVpcEndpoint,
        Observability.OperatorMetrics metrics, ReconcileSettings settings, TimeProvider time, ILogger logger) =>
        new(writer => new EndpointBucketPolicyPhases(accounts, writer, findVpcEndpoint, time), client, events, metrics, time, logger);

    private EndpointBucketPolicyPhases(AccountResolver accounts, StatusWriter<EndpointBucketPolicy> statusWriter, Func<string, string, VpcEndpoint?> findVpcEndpoint,
        TimeProvider time)
    {
        _statusWriter = statusWriter;
        _accounts = accounts;
        _time = time;
        _rooms = new(scope => new BucketRooms(scope, findVpcEndpoint, time));
        Phases =
        [
            new("validate", ValidateAsync),
            new("account", AccountAsync),
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

    /// <summary>Removes the statement in the bucket's account, the one the object names (admitted or not any more). An object
    /// that never reached its account wrote nothing there.</summary>
    public async Task<DeletionResult<EndpointBucketPolicyStatus>> DeleteAsync(EndpointBucketPolicy resource, CancellationToken ct)
    {
        var account = await _accounts.ForDeletionAsync(resource.Spec.AccountRef, ct);
        if (account.Scope is { } scope)
        {
            return await _rooms.For(scope).Finalizer.DeleteAsync(resource, ct);
        }
        var problem = account.Problem!;
        return resource.Status is null || (resource.Status.OwnedStatementSids.Count == 0 && resource.Status.StatementSid is null)
            ? DeletionResult<EndpointBucketPolicyStatus>.Finished([])
            : DeletionFailed(resource, new AccountRefusedException(problem.Reason, problem.Message), _time.GetUtcNow());
    }

    public DeletionResult<EndpointBucketPolicyStatus> DeletionFailed(EndpointBucketPolicy resource, Exception error, DateTimeOffset now) =>
        EndpointBucketPolicyFinalizer.Failed(resource, error, now);

    public void Forget(ResourceKey key)
    {
        var objectKey = RegionsInUse.KeyOf(key.Kind, key.Namespace, key.Name);
        foreach (var rooms in _rooms.All)
        {
            rooms.Scope.Regions.Release(objectKey);
        }
        if (_bucketOf.TryRemove(key, out var named) && !_bucketOf.Values.Contains(named))
        {
            named.Rooms.Scope.Reads.Buckets.Forget(named.Bucket);
        }
    }


    /// <summary>The bucket's account, admitted (namespace, bucket) before anything is called there; a statement that exists
    /// stays in the account it was written in.</summary>
    private async ValueTask<PhaseStep> AccountAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var account = await _accounts.ResolveAsync(resource.Metadata, resource.Spec.AccountRef, ct, AccountResolver.CredentialsRejected(resource.Status));
        if (account.Problem is { } refused)
        {
            return pass.Refuse(Refusal.Of(refused));
        }
        if (account.Admission is { } admission && !AccountAdmission.AdmitsBucket(admission, resource.Spec.Bucket))
        {
            return pass.Refuse(new(AccountReasons.BucketNotAllowed,
                $"spec.bucket: AwsAccount {account.AccountName} admits only buckets {string.Join(", ", admission.Buckets!)}, not {resource.Spec.Bucket}"));
        }
        if (resource.Status is { AccountId: { } was, StatementSid: { } sid } && account.AccountId is { } now && now != was)
        {
            return pass.Refuse(new(ReadyReasons.ImmutableFieldChanged,
                $"spec.accountRef: statement {sid} is in a bucket of account {was}; the object cannot move to account {now} (delete it and create a new one)", KeepReady: true));
        }
        pass.Account = account;
        pass.Rooms = _rooms.For(account.Scope!);
        pass.ActsIn(account.AccountId);
        return PhaseStep.Next;
    }

    private static ValueTask<PhaseStep> ValidateAsync(BucketPolicyPass pass, CancellationToken ct) =>
        ValueTask.FromResult(EndpointBucketPolicySpecValidator.Validate(pass.Resource.Spec) is { Count: > 0 } errors
            ? pass.Refuse(new(ReadyReasons.InvalidSpec, string.Join("; ", errors)))
            : PhaseStep.Next);

    private ValueTask<PhaseStep> ResolveAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        pass.Admitted = pass.Rooms!.Endpoints.ResolveReference(pass.Resource);
        return ValueTask.FromResult(pass.Admitted.Problem is { } notReady
            ? pass.Stop(pass.Sync with { Outcome = SyncOutcome.Waiting, WaitingFor = Refusal.Of(notReady).Message })
            : PhaseStep.Next);
    }

    private async ValueTask<PhaseStep> ReadAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var spec = resource.Spec;
        var rooms = pass.Rooms!;
        _bucketOf[ResourceKey.Of(resource)] = (rooms, spec.Bucket);
        var (bucket, missing) = await rooms.Buckets.ReadAsync(spec.Bucket, ct);
        if (missing is not null)
        {
            return pass.Refuse(Refusal.Of(missing));
        }
        if (pass.Account!.Admission is { } admission && !AccountAdmission.AdmitsRegion(admission, bucket!.Region))
        {
            return pass.Refuse(new(AccountReasons.RegionNotAllowed,
                $"spec.bucket: bucket {spec.Bucket} is in {bucket.Region}; AwsAccount {pass.Account.AccountName} admits only {string.Join(", ", admission.Regions!)}"));
        }
        rooms.Scope.Regions.Use(Kind, resource.Metadata.Namespace, resource.Metadata.Name, bucket!.Region);
        pass.Bucket = bucket;
        pass.Sync = pass.Sync with { BucketRegion = bucket!.Region };
        return await rooms.Endpoints.CheckExplicitAsync(spec, bucket.Region, ct) is { } foreign ? pass.Refuse(Refusal.Of(foreign)) : PhaseStep.Next;
    }

    private async ValueTask<PhaseStep> PlanAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = BucketStatementModel.Build(resource, pass.Admitted!.ReferencedEndpointId);
        // In an AwsAccount's bucket the operator acts as its role, path and all (aws:PrincipalArn); a session ARN names no path.
        var callerArn = pass.Account!.Admission?.RoleArn ?? (await pass.Rooms!.Scope.Reads.Identity.GetAsync(ct)).Arn;
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
            CallerArn = callerArn,
            ReportOnly = resource.Spec.DriftPolicy == DriftPolicies.Report,
        });
        return Decided(pass, () => pass.Planner(bucket.Policy));
    }

    /// <summary>What the snapshot shows is decided again on S3 itself, under the bucket's lock, before it is refused, reported
    /// or written; an unchanged statement, and a refusal no policy text could lift, cost no call.</summary>
    private async ValueTask<PhaseStep> ApplyAsync(BucketPolicyPass pass, CancellationToken ct)
    {
        if (pass.Plan!.WorthConfirming)
        {
            var plan = await TryAsync(pass, () => pass.Rooms!.Applier.ApplyAsync(pass.Bucket!.Region, pass.Resource.Spec.Bucket, pass.Planner!,
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
