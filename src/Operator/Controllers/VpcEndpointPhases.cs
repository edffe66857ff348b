using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Diff;
using Vpce.Operator.Export;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>The VpcEndpoint kind's phases: validate → resolve the references → read the endpoint (the snapshot; fresh, with
/// the desired side resolved again from that same read, when it differs or the spec moved on) → check identity → plan →
/// apply (or report) → advise (the read beside it and the checks) → export the client hints. The skeleton runs them, writes
/// the status <see cref="VpcEndpointStatusBuilder"/> computes, and deletes through <see cref="VpcEndpointFinalizer"/>.</summary>
public sealed class VpcEndpointPhases : IKindPhases<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, VpcEndpointPass>
{
    private readonly StatusWriter<VpcEndpoint> _statusWriter;
    private readonly ReconcileSettings _settings;
    private readonly TimeProvider _time;
    private readonly AccountResolver _accounts;
    private readonly ClientHintsExporter _exporter;
    // Each account scope's rooms, made when its first object comes (and again when the scope was remade: a new role).
    private readonly RoomsPerScope<EndpointRooms> _rooms;
    // Endpoints this process created, by object: the informer's copy may not show our own status write yet, and finding
    // our own endpoint by tags then is not news.
    private readonly ConcurrentDictionary<ResourceKey, string> _created = new();

    /// <summary>The VpcEndpoint controller: these phases on the reconcile skeleton.</summary>
    /// <param name="accounts">Which account each object acts in (shared with the bucket-policy controller).</param>
    public static ReconcileSkeleton<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, VpcEndpointPass> Controller(AccountResolver accounts,
        IResourceClient<VpcEndpoint> client, IConfigMapClient configMaps, IEventRecorder events, Observability.OperatorMetrics metrics,
        ReconcileSettings settings, TimeProvider time, ILogger logger) =>
        new(writer => new VpcEndpointPhases(accounts, configMaps, writer, settings, time, logger), client, events, metrics, time, logger);

    private VpcEndpointPhases(AccountResolver accounts, IConfigMapClient configMaps, StatusWriter<VpcEndpoint> statusWriter, ReconcileSettings settings,
        TimeProvider time, ILogger logger)
    {
        _statusWriter = statusWriter;
        _settings = settings;
        _time = time;
        _rooms = new(scope => new EndpointRooms(scope, settings, time, logger));
        _accounts = accounts;
        _exporter = new ClientHintsExporter(configMaps, settings.ExportNamespaces);
        Phases =
        [
            new("validate", ValidateAsync),
            new("account", AccountAsync),
            new("resolve", ResolveAsync),
            new("read", ReadAsync),
            new("identity", CheckIdentityAsync),
            new("plan", PlanAsync),
            new("apply", ApplyAsync),
            new("advise", AdviseAsync, AfterStop: true),
            new("export", ExportAsync),
        ];
    }

    public string Kind => VpcEndpoint.KindName;

    public IReadOnlyList<ReconcilePhase<VpcEndpointPass>> Phases { get; }

    public VpcEndpointPass Begin(VpcEndpoint resource) => new(resource);

    public StatusReport<VpcEndpointStatus> Report(VpcEndpointPass pass, DateTimeOffset now) =>
        VpcEndpointStatusBuilder.Build(pass.Resource.Status, pass.Resource.Metadata.Generation, now, pass.Sync);

    public ReconcileResult Next(VpcEndpointPass pass) => pass.Sync switch
    {
        { Outcome: SyncOutcome.Waiting } => ReconcileResult.After(TimeSpan.FromSeconds(5)),
        { Endpoint: { } endpoint } when EndpointRequeue.IsSettling(endpoint.State) => ReconcileResult.After(EndpointRequeue.While(endpoint, _time.GetUtcNow())),
        { Outcome: SyncOutcome.Deferred } when pass.Delta?.AwaitsRoutes == true => ReconcileResult.After(TimeSpan.FromSeconds(5)),
        _ => ReconcileResult.Done,
    };

    /// <summary>Deletes in the account the object names (admitted or not any more: what it made there is its own to remove).
    /// An object that never reached its account has nothing there.</summary>
    public async Task<DeletionResult<VpcEndpointStatus>> DeleteAsync(VpcEndpoint resource, CancellationToken ct)
    {
        var account = await _accounts.ForDeletionAsync(resource.Spec.AccountRef, ct);
        if (account.Scope is { } scope)
        {
            return await _rooms.For(scope).Finalizer.DeleteAsync(resource, ct);
        }
        var problem = account.Problem!;
        return resource.Status is { EndpointId: null, UnconfirmedCall: null, AccountId: null } or null
            ? DeletionResult<VpcEndpointStatus>.Finished([])
            : DeletionFailed(resource, new AccountRefusedException(problem.Reason, problem.Message), _time.GetUtcNow());
    }

    public DeletionResult<VpcEndpointStatus> DeletionFailed(VpcEndpoint resource, Exception error, DateTimeOffset now) =>
        VpcEndpointFinalizer.Failed(resource, error, now);

    public void Forget(ResourceKey key)
    {
        _created.TryRemove(key, out _);
        var objectKey = RegionsInUse.KeyOf(key.Kind, key.Namespace, key.Name);
        foreach (var rooms in _rooms.All)
        {
            rooms.Advisory.Forget(key);
            rooms.Scope.Regions.Release(objectKey);
        }
    }


    /// <summary>The spec as written: every error named, or the identity its defaults decide.</summary>
    private ValueTask<PhaseStep> ValidateAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var spec = pass.Resource.Spec;
        if (VpcEndpointSpecValidator.Validate(spec, _settings) is { Count: > 0 } errors)
        {
            return ValueTask.FromResult(pass.Refuse(new(ReadyReasons.InvalidSpec, string.Join("; ", errors))));
        }
        pass.Identity = EndpointModel.Identity(spec, _settings)!;
        return ValueTask.FromResult(PhaseStep.Next);
    }

    /// <summary>The account the object acts in, admitted (namespace, region) before anything is called there; an endpoint
    /// that exists stays in the account it was made in.</summary>
    private async ValueTask<PhaseStep> AccountAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var account = await _accounts.ResolveAsync(resource.Metadata, resource.Spec.AccountRef, ct, AccountResolver.CredentialsRejected(resource.Status));
        if (account.Problem is { } refused)
        {
            return pass.Refuse(Refusal.Of(refused));
        }
        var region = pass.Identity!.Region;
        if (account.Admission is { } admission && !AccountAdmission.AdmitsRegion(admission, region))
        {
            return pass.Refuse(new(AccountReasons.RegionNotAllowed,
                $"spec.region: AwsAccount {account.AccountName} admits only {string.Join(", ", admission.Regions!)}, not {region}"));
        }
        if (resource.Status is { AccountId: { } was, EndpointId: { } endpointId } && account.AccountId is { } now && now != was)
        {
            return pass.Refuse(new(ReadyReasons.ImmutableFieldChanged,
                $"spec.accountRef: endpoint {endpointId} lives in account {was}; the object cannot move to account {now} (delete it and create a new one)", KeepReady: true));
        }
        pass.Account = account;
        pass.Rooms = _rooms.For(account.Scope!);
        account.Scope!.Regions.Use(Kind, resource.Metadata.Namespace, resource.Metadata.Name, region);
        pass.ActsIn(account.AccountId);
        return PhaseStep.Next;
    }

    /// <summary>The references resolved on the snapshot, and the desired endpoint modelled from them.</summary>
    private async ValueTask<PhaseStep> ResolveAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resolution = await pass.Rooms!.Resolver.ResolveAsync(pass.Resource.Spec, pass.Identity!, ct);
        if (resolution.Vpc is { } vpc && pass.Account!.Admission is { } admission && !AccountAdmission.AdmitsVpc(admission, vpc.VpcId, vpc.Tags))
        {
            return pass.Refuse(new(AccountReasons.VpcNotAllowed,
                $"{(pass.Resource.Spec.VpcId is null ? "spec.vpcSelector" : "spec.vpcId")}: VPC {vpc.VpcId} is not one AwsAccount {pass.Account.AccountName} admits"));
        }
        if (resolution.Service is { } service
            && EndpointServiceOwners.Check(pass.Account!.Admission, pass.Account.AccountId ?? (await pass.Rooms!.Scope.Reads.Identity.GetAsync(ct)).Account,
                service.ServiceName, service.Owner, _settings.EndpointServiceOwners) is { } outside)
        {
            return pass.Refuse(new(ReadyReasons.ServiceOwnerNotAllowed, outside));
        }
        if (resolution.Problem is { } unresolved)
        {
            return pass.Refuse(Refusal.Of(unresolved));
        }
        pass.Sync = pass.Sync with { Desired = EndpointModel.Build(pass.Resource, _settings, resolution.Network!), Vpc = resolution.Vpc };
        return PhaseStep.Next;
    }

    /// <summary>The endpoint and what its checks read beside it, from the snapshot; read again fresh when the snapshot shows
    /// a difference or the spec moved on, and then the desired side is resolved again from that same read (the fresh route
    /// tables land in the snapshot), so both sides of the diff come from one observation.</summary>
    private async ValueTask<PhaseStep> ReadAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = pass.Sync.Desired!;
        var reading = await pass.Rooms!.Reader.ReadAsync(resource, desired, ct);
        if (reading.Problem is { } missing)
        {
            return pass.Refuse(Refusal.Of(missing));
        }
        // The delta on the snapshot is the plan's too unless the read goes fresh: a clean resync diffs once.
        pass.Delta = reading.Actual is not null && !reading.Fresh ? Diff(pass, desired, reading) : null;
        if (pass.Delta is { } seen && (resource.Status?.ObservedGeneration != resource.Metadata.Generation || !seen.IsEmpty || seen.AwaitsRoutes))
        {
            pass.Delta = null;
            reading = await pass.Rooms!.Reader.RefreshAsync(desired, reading, ct);
            if (desired.IsGateway && await ResolveAsync(pass, ct) == PhaseStep.Stop)
            {
                return PhaseStep.Stop;
            }
        }
        pass.Sync = reading.Actual is null ? pass.Sync with { Reading = reading } : pass.Sync with { Reading = reading, Unconfirmed = null };
        return PhaseStep.Next;
    }

    /// <summary>The one identity check, after the read: the fields fixed at creation against what the status recorded of
    /// the endpoint made earlier and against the endpoint found, and whose endpoint it is.</summary>
    private ValueTask<PhaseStep> CheckIdentityAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = pass.Sync.Desired!;
        var reading = pass.Sync.Reading!;
        var problem = EndpointIdentityCheck.Check(EndpointIdentityCheck.Of(desired), resource.Status,
            reading.Actual, _settings.OwnerOf(resource), IsNewlyAdopted(resource, reading));
        return ValueTask.FromResult(problem is null
            ? PhaseStep.Next
            : pass.Refuse(new Refusal(problem.Reason, problem.Message, problem.KeepReady)));
    }

    /// <summary>No endpoint: create it (under driftPolicy Report too, unless it existed and was deleted behind our back). An
    /// endpoint: the delta, and the smallest change or (Report) only its words; nothing while AWS is still settling it.</summary>
    private ValueTask<PhaseStep> PlanAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = pass.Sync.Desired!;
        var reading = pass.Sync.Reading!;
        if (reading.Actual is not { } actual)
        {
            var now = _time.GetUtcNow();
            if (UnconfirmedCalls.Unseen(pass.Sync.Unconfirmed, UnconfirmedCall.CreateVpcEndpoint, now, _settings.PropagationWait) is { } made)
            {
                // EC2 is eventually consistent: the endpoint our create made may not show yet, and is not gone for that.
                if (made.EndpointIds is [var madeId, ..])
                {
                    // Nor its routes: the route check waits with it.
                    pass.Sync = pass.Sync with
                    {
                        Outcome = SyncOutcome.Waiting,
                        WaitingFor = $"AWS does not show endpoint {madeId} yet (created {UnconfirmedCalls.Age(made, now)} ago; EC2 is eventually consistent)",
                        Reading = reading with { VpcRouteTables = null },
                    };
                    return ValueTask.FromResult(PhaseStep.Next);
                }
                // Its answer was never recorded (a crash): the same request again, with the same ClientToken, answers with
                // the endpoint it made, or makes it if the first never reached AWS.
                pass.Action = VpcEndpointAction.Create;
                pass.RepeatsLostCreate = true;
                return ValueTask.FromResult(PhaseStep.Next);
            }
            // Not shown within the wait, or no create of ours pending: not found is gone.
            pass.Sync = pass.Sync with { Unconfirmed = null };
            var previousId = resource.Status?.EndpointId;
            IReadOnlyList<FieldDifference> gone = previousId is null ? [] : [new("endpointId", DriftReasons.EndpointDeleted, previousId, "deleted")];
            if (!desired.CorrectDrift && previousId is not null)
            {
                pass.Sync = pass.Sync with { Outcome = SyncOutcome.ReportedMissing, Differences = gone, Plan = [EndpointApplier.PlanCreate(desired)] };
                return ValueTask.FromResult(PhaseStep.Next);
            }
            pass.Sync = pass.Sync with { Differences = gone };
            pass.Action = VpcEndpointAction.Create;
            return ValueTask.FromResult(PhaseStep.Next);
        }
        var delta = pass.Delta ?? Diff(pass, desired, reading);
        var managed = ManagedBefore(resource, reading);
        // One copy of the pass's record for what was found and what is planned (this runs in every clean reconcile); the
        // rare route cases below add their own.
        var notes = FoundNotes(resource, reading, IsNewlyAdopted(resource, reading));
        if (delta.AwaitsRoutes)
        {
            // Routes AWS does not show yet: the route check waits for them too, rather than warn about them.
            pass.Sync = pass.Sync with { Reading = reading with { VpcRouteTables = null } };
        }
        else if (pass.Sync.Unconfirmed?.Action == UnconfirmedCall.ModifyVpcEndpoint)
        {
            // Every route of the endpoint's tables is shown: the route change has reached AWS's reads.
            pass.Sync = pass.Sync with { Unconfirmed = null };
        }
        if (delta.IsEmpty || actual.State != EndpointStates.Available)
        {
            // Nothing to change, or AWS is still settling the endpoint: modifying now would be refused.
            pass.Sync = delta switch
            {
                { IsEmpty: true, AwaitsRoutes: true } => pass.Sync with
                {
                    Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = notes,
                    Outcome = SyncOutcome.Deferred, Managed = delta.ManagedAfter,
                    WaitingFor = $"AWS does not show the routes of {EndpointDiff.ListText(delta.RoutesNotShownYet)} yet (EC2 is eventually consistent)",
                },
                { IsEmpty: true } => pass.Sync with { Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = notes, Outcome = SyncOutcome.Unchanged, Managed = delta.ManagedAfter },
                _ => pass.Sync with
                {
                    Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = notes,
                    Outcome = SyncOutcome.Deferred, Managed = managed, WaitingFor = "changes wait until the endpoint is available",
                },
            };
        }
        else if (!desired.CorrectDrift)
        {
            pass.Sync = pass.Sync with
            {
                Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = notes,
                Outcome = SyncOutcome.Reported, Managed = managed, Differences = delta.Differences, Plan = EndpointApplier.Plan(delta),
            };
        }
        else
        {
            pass.Sync = pass.Sync with { Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = notes };
            pass.Action = VpcEndpointAction.Modify;
            pass.ManagedBefore = managed;
        }
        pass.Delta = delta;
        return ValueTask.FromResult(PhaseStep.Next);
    }

    private async ValueTask<PhaseStep> ApplyAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        if (await PrivateDnsRefusalAsync(pass, ct) is { } refusal)
        {
            return pass.Refuse(refusal);
        }
        return await (pass.Action switch
        {
            VpcEndpointAction.Create => CreateAsync(pass, ct),
            VpcEndpointAction.Modify => ModifyAsync(pass, ct),
            _ => ValueTask.FromResult(PhaseStep.Next),
        });
    }

    /// <summary>A create or modify that turns private DNS on where AWS would refuse it (<see cref="PrivateDnsRule"/>) is refused
    /// before the call, nothing written; an endpoint already there stays Ready.</summary>
    private async Task<Refusal?> PrivateDnsRefusalAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var desired = pass.Sync.Desired!;
        var turningOn = pass.Action switch
        {
            VpcEndpointAction.Create => desired.PrivateDnsEnabled == true,
            VpcEndpointAction.Modify => pass.Delta!.Modify.PrivateDnsEnabled == true,
            _ => false,
        };
        if (!turningOn || !await pass.Rooms!.Gateways.ServiceOffersGatewayAsync(desired.Region, desired.ServiceName, ct))
        {
            return null;
        }
        var hasGateway = await pass.Rooms!.Gateways.VpcHasGatewayAsync(desired.Region, desired.VpcId, desired.ServiceName, ct);
        return PrivateDnsRule.Check(desired, pass.Resource.Spec.PrivateDnsEnabled is not null, serviceOffersGateway: true, hasGateway) is { } error
            ? new Refusal(ReadyReasons.InvalidSpec, error.ToString(), KeepReady: pass.Action == VpcEndpointAction.Modify)
            : null;
    }

    private async ValueTask<PhaseStep> CreateAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = pass.Sync.Desired!;
        var managed = (desired.Additive ? new ManagedSets(desired.RouteTableIds, desired.SubnetIds, desired.SecurityGroupIds) : ManagedSets.Empty)
            with { TagKeys = desired.Tags.Keys.Where(k => !OwnershipTags.IsReserved(k)).Order(StringComparer.Ordinal).ToList() };
        // On record right before the request, once its turn has come: until a read shows its endpoint, not finding one is no
        // proof that none was made. A create still waiting for its turn records nothing, and so is not read for in AWS.
        UnconfirmedCall? call = null;
        AwsEndpoint created;
        try
        {
            created = await pass.Rooms!.Applier.CreateAsync(desired, c =>
            {
                call = new UnconfirmedCall { Action = UnconfirmedCall.CreateVpcEndpoint, RequestedAt = _time.GetUtcNow() };
                pass.Sync = pass.Sync with { Unconfirmed = call };
                return ClaimAsync(resource, null, managed, c, call);
            }, ct);
        }
        catch (AwsApiException e) when (e.Code == AwsErrorCodes.IdempotentParameterMismatch)
        {
            // AWS already made an endpoint for this token that Describe does not show yet: look again shortly.
            pass.Sync = pass.Sync with { Outcome = SyncOutcome.Waiting, WaitingFor = $"AWS is still making the endpoint of an earlier request: {e.Message}" };
            return PhaseStep.Next;
        }
        _created[ResourceKey.Of(resource)] = created.VpcEndpointId;
        var reading = pass.Sync.Reading!;
        if (desired.IsGateway)
        {
            reading = await pass.Rooms!.Reader.AfterRouteChangeAsync(desired, reading, created.VpcEndpointId, ct);
        }
        pass.Sync = pass.Sync with
        {
            Outcome = SyncOutcome.Created,
            Unconfirmed = new UnconfirmedCall { Action = UnconfirmedCall.CreateVpcEndpoint, EndpointIds = [created.VpcEndpointId], RequestedAt = call!.RequestedAt },
            Reading = reading,
            Endpoint = created,
            PrefixListId = desired.IsGateway ? await pass.Rooms!.Reader.PrefixListIdAsync(desired.Region, desired.ServiceName, ct) : null,
            Managed = managed,
            Notes = pass.RepeatsLostCreate && created.CreationTimestamp < call.RequestedAt
                // The same ClientToken again (an earlier create's answer was lost): AWS answered with the endpoint it made then.
                ? [new(EventTypes.Normal, "Found", $"AWS answered the repeated create with endpoint {created.VpcEndpointId}, made by the earlier request; not creating another")]
                : [new(EventTypes.Normal, "Created", $"created {desired.Type} endpoint {created.VpcEndpointId} for {desired.ServiceName} in {desired.VpcId}")],
        };
        return PhaseStep.Next;
    }

    private async ValueTask<PhaseStep> ModifyAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var desired = pass.Sync.Desired!;
        var delta = pass.Delta!;
        var actual = pass.Sync.Endpoint!;
        // A gateway's routes follow its route tables and show late: the change goes on record before it is made.
        var routesMove = desired.IsGateway && (delta.Modify.AddRouteTableIds.Count + delta.Modify.RemoveRouteTableIds.Count + delta.ReassociateRouteTableIds.Count) > 0;
        var call = routesMove
            ? new UnconfirmedCall { Action = UnconfirmedCall.ModifyVpcEndpoint, EndpointIds = [actual.VpcEndpointId], RequestedAt = _time.GetUtcNow() }
            : null;
        if (call is not null)
        {
            pass.Sync = pass.Sync with { Unconfirmed = call };
        }
        await pass.Rooms!.Applier.ApplyAsync(desired.Region, delta, c => ClaimAsync(resource, actual.VpcEndpointId, pass.ManagedBefore.Union(delta.ManagedAfter), c, call), ct);
        if (routesMove)
        {
            pass.Sync = pass.Sync with { Reading = await pass.Rooms!.Reader.AfterRouteChangeAsync(desired, pass.Sync.Reading!, actual.VpcEndpointId, ct) };
        }
        var after = await pass.Rooms!.Reader.DescribeByIdAsync(desired.Region, actual.VpcEndpointId, ct) ?? actual;
        pass.Sync = pass.Sync with { Outcome = SyncOutcome.Corrected, Endpoint = after, Managed = delta.ManagedAfter, Differences = delta.Differences };
        return PhaseStep.Next;
    }

    /// <summary>Every check, in this one phase, after whatever came before (a refusal or a failed call too, which the
    /// network path may explain): the network path on what was read, and, once something was done, the read beside the
    /// endpoint and its companions and policy lint. None of it blocks what was applied.</summary>
    private async ValueTask<PhaseStep> AdviseAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        if (pass.Sync.Desired is not { } desired || pass.Sync.Reading is not { } reading)
        {
            return PhaseStep.Next;
        }
        var path = NetworkPathChecks.Evaluate(desired, pass.Sync.Vpc, reading, pass.Sync.Endpoint ?? reading.Actual);
        if (pass.Sync.Outcome is SyncOutcome.Refused or SyncOutcome.AwsFailed)
        {
            pass.Sync = pass.Sync with { NetworkPath = path };
            return PhaseStep.Next;
        }
        var beside = await pass.Rooms!.Advisory.ReadAsync(ResourceKey.Of(pass.Resource), desired, pass.Sync.Endpoint, ct);
        pass.Sync = pass.Sync with
        {
            NetworkPath = path,
            Advice = AdvisoryChecks.Run(desired, beside.VpcEndpoints, beside.Service, beside.BucketRegions, beside.OperatorPrincipalArn),
        };
        pass.Service = beside.Service;
        return PhaseStep.Next;
    }

    /// <summary>spec.export's ConfigMap, once there is an endpoint to tell clients about.</summary>
    private async ValueTask<PhaseStep> ExportAsync(VpcEndpointPass pass, CancellationToken ct)
    {
        if (pass.Sync.Endpoint is { } endpoint)
        {
            pass.Sync = pass.Sync with
            {
                Export = await _exporter.ExportAsync(pass.Resource, pass.Sync.Desired!, endpoint, pass.Service, (name, c) => ClaimExportAsync(pass.Resource, name, c), ct),
            };
        }
        return PhaseStep.Next;
    }

    /// <summary>Records in status, before a write to <paramref name="endpointId"/> (null: the endpoint about to be made), what
    /// the write will put on it that the object may take off later, and the create or route change about to be made
    /// (<paramref name="call"/>).
    /// Nothing new to record: no status write.</summary>
    private Task ClaimAsync(VpcEndpoint resource, string? endpointId, ManagedSets owning, CancellationToken ct, UnconfirmedCall? call = null)
    {
        var status = resource.Status ?? new VpcEndpointStatus();
        var recorded = new ManagedSets(status.ManagedRouteTableIds, status.ManagedSubnetIds, status.ManagedSecurityGroupIds) { TagKeys = status.ManagedTagKeys };
        // An endpoint found by tags after a crash, or one being adopted: the sets are about it from now on.
        var newEndpoint = endpointId is not null && status.EndpointId != endpointId;
        if (call is null && recorded.Covers(owning) && !newEndpoint)
        {
            return Task.CompletedTask;
        }
        var claimed = recorded.Union(owning);
        // The reconcile shares the cached status (ResourceCopy.ForReconcile): the claim changes a copy of its own.
        resource.Status = status = ResourceCopy.StatusOf(status);
        if (call is not null)
        {
            status.UnconfirmedCall = call;
        }
        status.ManagedRouteTableIds = [.. claimed.RouteTableIds];
        status.ManagedSubnetIds = [.. claimed.SubnetIds];
        status.ManagedSecurityGroupIds = [.. claimed.SecurityGroupIds];
        status.ManagedTagKeys = [.. claimed.TagKeys];
        if (newEndpoint)
        {
            status.EndpointId = endpointId;
        }
        return _statusWriter.RecordClaimAsync(resource, ct);
    }

    /// <summary>Records in status, before the ConfigMap is created, that the object exports it.</summary>
    private Task ClaimExportAsync(VpcEndpoint resource, string configMap, CancellationToken ct)
    {
        var status = resource.Status ?? new VpcEndpointStatus();
        if (status.ExportedConfigMap == configMap)
        {
            return Task.CompletedTask;
        }
        resource.Status = status = ResourceCopy.StatusOf(status);
        status.ExportedConfigMap = configMap;
        return _statusWriter.RecordClaimAsync(resource, ct);
    }

    private EndpointDelta Diff(VpcEndpointPass pass, DesiredEndpoint desired, EndpointReading reading) =>
        EndpointDiff.Compute(desired, reading.Actual!, ManagedBefore(pass.Resource, reading), reading.PrefixListId, reading.AssociatedRouteTables,
            RoutesMayShowLate(reading.Actual!, pass.Sync.Unconfirmed));

    /// <summary>The endpoint's route tables changed (its create, or a route-table change of ours not yet seen) so recently that
    /// EC2 may not show their routes yet.</summary>
    private bool RoutesMayShowLate(AwsEndpoint actual, UnconfirmedCall? unconfirmed)
    {
        var now = _time.GetUtcNow();
        var created = actual.CreationTimestamp is { } at && now - at < _settings.PropagationWait;
        return created || UnconfirmedCalls.Unseen(unconfirmed, UnconfirmedCall.ModifyVpcEndpoint, now, _settings.PropagationWait) is { } call
            && call.EndpointIds.Contains(actual.VpcEndpointId);
    }

    /// <summary>What the operator put on the endpoint before: nothing yet for an endpoint it adopts now.</summary>
    private static ManagedSets ManagedBefore(VpcEndpoint resource, EndpointReading reading) =>
        IsNewlyAdopted(resource, reading) || resource.Status is not { } status
            ? ManagedSets.Empty
            : new ManagedSets(status.ManagedRouteTableIds, status.ManagedSubnetIds, status.ManagedSecurityGroupIds) { TagKeys = status.ManagedTagKeys };

    private static bool IsNewlyAdopted(VpcEndpoint resource, EndpointReading reading) =>
        reading.FoundBy == FoundBy.Adopted && resource.Status?.EndpointId != reading.Actual?.VpcEndpointId;

    private IReadOnlyList<PendingEvent> FoundNotes(VpcEndpoint resource, EndpointReading reading, bool newlyAdopted)
    {
        var id = reading.Actual!.VpcEndpointId;
        if (reading.FoundBy == FoundBy.OwnershipTags && (!_created.TryGetValue(ResourceKey.Of(resource), out var known) || known != id))
        {
            return [new(EventTypes.Normal, "Found", $"found endpoint {id} by its ownership tags; not creating another")];
        }
        return newlyAdopted ? [new(EventTypes.Normal, "Adopted", $"adopted existing endpoint {id}")] : [];
    }
}
