using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Aws;
using Vpce.Operator.Diff;
using Vpce.Operator.Export;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Reconciles one VpcEndpoint as a short script of named phases: validate → resolve references → model → read AWS →
/// check identity → diff → apply (or report) → read beside for the advisory checks → the checks (pure) → export the client
/// hints → status. Deletion is <see cref="VpcEndpointFinalizer"/>'s; the status is computed by <see cref="VpcEndpointStatusRoom"/>
/// and written once on the way out, whatever happened.</summary>
public sealed class VpcEndpointController : IReconciler<VpcEndpoint>
{
    private const string Kind = "VpcEndpoint";
    private readonly IResourceClient<VpcEndpoint> _client;
    private readonly StatusWriter<VpcEndpoint> _statusWriter;
    private readonly OwnStatusWrites<VpcEndpoint> _ownWrites = new();
    private readonly EndpointReferenceResolver _resolver;
    private readonly EndpointReader _reader;
    private readonly EndpointApplier _applier;
    private readonly VpcEndpointFinalizer _finalizer;
    private readonly OperatorMetrics _metrics;
    private readonly ReconcileSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RegionsInUse? _regions;
    private readonly EndpointSnapshot _snapshot;
    private readonly AdvisoryReader _advisory;
    private readonly ClientHintsExporter _exporter;
    // Endpoints this process created, by object: the informer's copy may not show our own status write yet, and finding
    // our own endpoint by tags then is not news.
    private readonly ConcurrentDictionary<ResourceKey, string> _created = new();

    /// <param name="account">The reads shared with the bucket-policy controller; its own when null.</param>
    public VpcEndpointController(IAwsApis aws, IResourceClient<VpcEndpoint> client, IConfigMapClient configMaps, IEventRecorder events,
        OperatorMetrics metrics, ReconcileSettings settings, TimeProvider time, ILogger<VpcEndpointController> logger,
        RegionsInUse? regions = null, AccountReads? account = null)
    {
        _regions = regions;
        _client = client;
        _metrics = metrics;
        _settings = settings;
        _time = time;
        _logger = logger;
        _statusWriter = new StatusWriter<VpcEndpoint>(client, events, metrics, _ownWrites, logger);
        var catalog = new RegionCatalog(aws.Ec2, time);
        _snapshot = new EndpointSnapshot(aws.Ec2, time, settings.ClusterName, settings.SnapshotWindow, settings.AdvisoryWindow);
        // Every fresh read and every write below goes through it, so the snapshot stays current without being told.
        var ec2 = new WriteThroughEc2Api(aws.Ec2, _snapshot, settings.ClusterName);
        if (regions is not null)
        {
            regions.RegionUnused += _snapshot.EvictRegion;
        }
        _resolver = new EndpointReferenceResolver(ec2, catalog, _snapshot);
        _reader = new EndpointReader(ec2, catalog, _snapshot, settings);
        _applier = new EndpointApplier(ec2);
        _advisory = new AdvisoryReader(_snapshot, catalog, account ?? AccountReads.For(aws, time, settings.SnapshotWindow, settings.DefaultRegion),
            time, settings.SnapshotWindow, logger);
        _exporter = new ClientHintsExporter(configMaps);
        _finalizer = new VpcEndpointFinalizer(client, _reader, _applier, _statusWriter, settings, time, logger);
    }

    public void Cached(VpcEndpoint resource) => _ownWrites.Cached(resource);

    /// <summary>This process's status writes the informer's cache does not show yet.</summary>
    internal int UncachedStatusWrites => _ownWrites.Count;

    public void Forget(ResourceKey key)
    {
        _ownWrites.Forget(key);
        _created.TryRemove(key, out _);
        _advisory.Forget(key);
        _regions?.Release(RegionsInUse.KeyOf(key.Kind, key.Namespace, key.Name));
        _metrics.ForgetObject(key.Kind, key.Namespace, key.Name);
    }

    /// <param name="resource">The runtime's own copy of the cached object: this reconcile may change it. When the cache lags
    /// this process's last status write of it, the object that write stored is reconciled instead.</param>
    public Task<ReconcileResult> ReconcileAsync(VpcEndpoint resource, CancellationToken ct) => ReconcileGuard.RunAsync(async () =>
    {
        // The status we wrote last is the previous one even while the watch has not brought it back: a finding warns once.
        resource = _ownWrites.Newest(resource);
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return await _finalizer.FinalizeAsync(resource, ct);
        }
        var sync = await SyncAsync(resource, ct);
        sync = await AdviseAndExportAsync(resource, sync, ct);
        var report = VpcEndpointStatusRoom.Build(resource.Status, resource.Metadata.Generation, _time.GetUtcNow(), sync);
        resource.Status = report.Status;
        await _statusWriter.WriteAsync(resource, report, ct);
        return NextLook(sync);
    });

    private async Task<EndpointSyncResult> SyncAsync(VpcEndpoint resource, CancellationToken ct)
    {
        var facts = new EndpointSyncResult { Outcome = SyncOutcome.Unchanged };
        try
        {
            await Finalizers.EnsureAsync(_client, resource, ct);
            var (identity, errors) = VpcEndpointSpecValidator.Validate(resource.Spec, _settings);
            if (identity is null)
            {
                return Refused(facts, new(ReadyReasons.InvalidSpec, string.Join("; ", errors)));
            }
            _regions?.Use(RegionsInUse.KeyOf(Kind, resource.Metadata.Namespace, resource.Metadata.Name), identity.Region);
            if (ImmutableRefusal(resource.Status, identity) is { } changed)
            {
                return Refused(facts, changed);
            }

            var resolution = await _resolver.ResolveAsync(resource.Spec, identity, ct);
            if (resolution.Problem is { } unresolved)
            {
                return Refused(facts, Refusal.Of(unresolved));
            }
            var desired = EndpointModel.Build(resource, _settings, resolution.Network!);
            facts = facts with { Desired = desired, Vpc = resolution.Vpc };
            if (ImmutableRefusal(resource.Status, EndpointIdentityCheck.Of(desired)) is { } moved)
            {
                return Refused(facts, moved);
            }

            var reading = await _reader.ReadAsync(resource, desired, ct);
            if (reading.Problem is { } missing)
            {
                return Refused(facts, Refusal.Of(missing));
            }
            facts = facts with { Reading = reading };
            if (reading.Actual is null)
            {
                return await CreateAsync(resource, desired, facts, ct);
            }
            if (IdentityRefusal(resource, desired, reading) is { } foreign)
            {
                return Refused(facts, foreign);
            }
            return await ConvergeAsync(resource, desired, reading, facts, ct);
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            // Expected: one line, no stack trace; the condition and the backoff say the rest.
            _logger.LogWarning("{Kind} {Namespace}/{Name}: {Reason}: {Message}", Kind, resource.Metadata.Namespace, resource.Metadata.Name,
                AwsFailures.Describe(e).Reason, e.Message);
            return facts with { Outcome = SyncOutcome.AwsFailed, Error = e };
        }
    }

    /// <summary>No endpoint on AWS: make it. Under driftPolicy Report too, unless it existed and was deleted behind our back.</summary>
    private async Task<EndpointSyncResult> CreateAsync(VpcEndpoint resource, DesiredEndpoint desired, EndpointSyncResult facts, CancellationToken ct)
    {
        var previousId = resource.Status?.EndpointId;
        IReadOnlyList<FieldDifference> gone = previousId is null ? [] : [new("endpointId", DriftReasons.EndpointDeleted, previousId, "deleted")];
        if (!desired.CorrectDrift && previousId is not null)
        {
            return facts with { Outcome = SyncOutcome.ReportedMissing, Differences = gone, Plan = [EndpointApplier.PlanCreate(desired)] };
        }
        var managed = (desired.Additive ? new ManagedSets(desired.RouteTableIds, desired.SubnetIds, desired.SecurityGroupIds) : ManagedSets.Empty)
            with { TagKeys = desired.Tags.Keys.Where(k => !OwnershipTags.IsReserved(k)).Order(StringComparer.Ordinal).ToList() };
        AwsEndpoint created;
        try
        {
            created = await _applier.CreateAsync(desired, c => ClaimAsync(resource, null, managed, c), ct);
        }
        catch (AwsApiException e) when (e.Code == AwsErrorCodes.IdempotentParameterMismatch)
        {
            // AWS already made an endpoint for this token that Describe does not show yet: look again shortly.
            return facts with { Outcome = SyncOutcome.Waiting, Note = $"AWS is still making the endpoint of an earlier request: {e.Message}" };
        }
        _created[ResourceKey.Of(resource)] = created.VpcEndpointId;
        if (desired.IsGateway && facts.Reading is { } before)
        {
            facts = facts with { Reading = await _reader.AfterRouteChangeAsync(desired, before, ct) };
        }
        return facts with
        {
            Outcome = SyncOutcome.Created,
            Endpoint = created,
            PrefixListId = desired.IsGateway ? await _reader.PrefixListIdAsync(desired.Region, desired.ServiceName, ct) : null,
            Managed = managed,
            Differences = gone,
            Notes = [new(EventTypes.Normal, "Created", $"created {desired.Type} endpoint {created.VpcEndpointId} for {desired.ServiceName} in {desired.VpcId}")],
        };
    }

    /// <summary>An endpoint exists and is ours: diff it, then apply the smallest change, or (driftPolicy Report) only say it.
    /// A difference seen in the snapshot, or a spec change, is looked at again on AWS itself before anything is done.</summary>
    private async Task<EndpointSyncResult> ConvergeAsync(VpcEndpoint resource, DesiredEndpoint desired, EndpointReading reading,
        EndpointSyncResult facts, CancellationToken ct)
    {
        var delta = Diff(resource, desired, reading);
        if (!reading.Fresh && (!delta.IsEmpty || resource.Status?.ObservedGeneration != resource.Metadata.Generation))
        {
            reading = await _reader.RefreshAsync(desired, reading, ct);
            facts = facts with { Reading = reading };
            if (reading.Actual is null)
            {
                return await CreateAsync(resource, desired, facts, ct);
            }
            if (IdentityRefusal(resource, desired, reading) is { } foreign)
            {
                return Refused(facts, foreign);
            }
            delta = Diff(resource, desired, reading);
        }
        var actual = reading.Actual!;
        var managed = ManagedBefore(resource, reading);
        facts = facts with { Endpoint = actual, PrefixListId = reading.PrefixListId, Notes = FoundNotes(resource, reading, IsNewlyAdopted(resource, reading)) };
        if (delta.IsEmpty || actual.State != EndpointStates.Available)
        {
            // Nothing to change, or AWS is still settling the endpoint: modifying now would be refused.
            return delta.IsEmpty
                ? facts with { Outcome = SyncOutcome.Unchanged, Managed = delta.ManagedAfter }
                : facts with { Outcome = SyncOutcome.Deferred, Managed = managed, Note = "changes wait until the endpoint is available" };
        }
        if (!desired.CorrectDrift)
        {
            return facts with { Outcome = SyncOutcome.Reported, Managed = managed, Differences = delta.Differences, Plan = EndpointApplier.Plan(delta) };
        }
        await _applier.ApplyAsync(desired.Region, delta, c => ClaimAsync(resource, actual.VpcEndpointId, managed.Union(delta.ManagedAfter), c), ct);
        if (desired.IsGateway && (delta.Modify.AddRouteTableIds.Count + delta.Modify.RemoveRouteTableIds.Count + delta.ReassociateRouteTableIds.Count) > 0)
        {
            facts = facts with { Reading = await _reader.AfterRouteChangeAsync(desired, reading, ct) };
        }
        var after = await _reader.DescribeByIdAsync(desired.Region, actual.VpcEndpointId, ct) ?? actual;
        return facts with { Outcome = SyncOutcome.Corrected, Endpoint = after, Managed = delta.ManagedAfter, Differences = delta.Differences };
    }

    /// <summary>After the endpoint is settled (created, unchanged, corrected or reported; not refused, not failed): the read
    /// beside it, the advisory checks on that read, and the client-hints ConfigMap. None of it blocks what was applied.</summary>
    private async Task<EndpointSyncResult> AdviseAndExportAsync(VpcEndpoint resource, EndpointSyncResult sync, CancellationToken ct)
    {
        if (sync.Desired is not { } desired || sync.Outcome is SyncOutcome.Refused or SyncOutcome.AwsFailed)
        {
            return sync;
        }
        var beside = await _advisory.ReadAsync(ResourceKey.Of(resource), desired, sync.Endpoint, ct);
        return sync with
        {
            Advice = AdvisoryChecks.Run(desired, beside.VpcEndpoints, beside.Service, beside.BucketRegions, beside.OperatorPrincipalArn),
            Export = sync.Endpoint is { } endpoint ? await _exporter.ExportAsync(resource, desired, endpoint, beside.Service,
                (name, c) => ClaimExportAsync(resource, name, c), ct) : null,
        };
    }

    /// <summary>Records in status, before a write to <paramref name="endpointId"/> (null: the endpoint about to be made), what
    /// the write will put on it that the object may take off later. Nothing new to record: no status write.</summary>
    private Task ClaimAsync(VpcEndpoint resource, string? endpointId, ManagedSets owning, CancellationToken ct)
    {
        var status = resource.Status ??= new VpcEndpointStatus();
        var recorded = new ManagedSets(status.ManagedRouteTableIds, status.ManagedSubnetIds, status.ManagedSecurityGroupIds) { TagKeys = status.ManagedTagKeys };
        // An endpoint found by tags after a crash, or one being adopted: the sets are about it from now on.
        var newEndpoint = endpointId is not null && status.EndpointId != endpointId;
        if (recorded.Covers(owning) && !newEndpoint)
        {
            return Task.CompletedTask;
        }
        var claimed = recorded.Union(owning);
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
        var status = resource.Status ??= new VpcEndpointStatus();
        if (status.ExportedConfigMap == configMap)
        {
            return Task.CompletedTask;
        }
        status.ExportedConfigMap = configMap;
        return _statusWriter.RecordClaimAsync(resource, ct);
    }

    private static EndpointDelta Diff(VpcEndpoint resource, DesiredEndpoint desired, EndpointReading reading) =>
        EndpointDiff.Compute(desired, reading.Actual!, ManagedBefore(resource, reading), reading.PrefixListId, reading.AssociatedRouteTables);

    /// <summary>What the operator put on the endpoint before: nothing yet for an endpoint it adopts now.</summary>
    private static ManagedSets ManagedBefore(VpcEndpoint resource, EndpointReading reading) =>
        IsNewlyAdopted(resource, reading) || resource.Status is not { } status
            ? ManagedSets.Empty
            : new ManagedSets(status.ManagedRouteTableIds, status.ManagedSubnetIds, status.ManagedSecurityGroupIds) { TagKeys = status.ManagedTagKeys };

    private static bool IsNewlyAdopted(VpcEndpoint resource, EndpointReading reading) =>
        reading.FoundBy == FoundBy.Adopted && resource.Status?.EndpointId != reading.Actual?.VpcEndpointId;

    /// <summary>The spec against what the status recorded of the endpoint made earlier: fixed fields may not move.</summary>
    private static Refusal? ImmutableRefusal(VpcEndpointStatus? status, EndpointIdentity wanted)
    {
        var recorded = EndpointIdentityCheck.Recorded(status);
        var changed = recorded is null ? [] : EndpointIdentityCheck.Compare(wanted, recorded);
        return changed.Count == 0
            ? null
            : new(ReadyReasons.ImmutableFieldChanged,
                $"{string.Join("; ", changed)}; the endpoint {status!.EndpointId} on AWS is left as it is (create a new object to change these)",
                KeepReady: true);
    }

    /// <summary>The endpoint found against the spec and this object: another object's endpoint is never touched, and one made
    /// for another VPC, service or type is not adopted.</summary>
    private Refusal? IdentityRefusal(VpcEndpoint resource, DesiredEndpoint desired, EndpointReading reading)
    {
        var actual = reading.Actual!;
        var adopting = IsNewlyAdopted(resource, reading);
        if (EndpointIdentityCheck.ForeignOwner(actual.Tags, _settings.OwnerOf(resource)) is { } owner)
        {
            return new(ReadyReasons.AdoptionConflict, adopting
                ? $"spec.endpointId: {actual.VpcEndpointId} is owned by {owner}; it is not adopted and nothing on it is changed"
                : $"endpoint {actual.VpcEndpointId} is now owned by {owner}; the operator leaves it alone");
        }
        var violations = EndpointIdentityCheck.Compare(EndpointIdentityCheck.Of(desired), EndpointIdentityCheck.Of(actual, desired.Region));
        if (violations.Count == 0)
        {
            return null;
        }
        return adopting
            ? new(ReadyReasons.AdoptionConflict,
                $"spec.endpointId: {actual.VpcEndpointId} is a {actual.Type} endpoint for {actual.ServiceName} in {actual.VpcId}; " +
                $"the spec asks for a {desired.Type} endpoint for {desired.ServiceName} in {desired.VpcId}; it is not adopted")
            : new(ReadyReasons.ImmutableFieldChanged,
                $"{string.Join("; ", violations)}; the endpoint {actual.VpcEndpointId} on AWS is left as it is", KeepReady: true);
    }

    private IReadOnlyList<PendingEvent> FoundNotes(VpcEndpoint resource, EndpointReading reading, bool newlyAdopted)
    {
        var id = reading.Actual!.VpcEndpointId;
        if (reading.FoundBy == FoundBy.OwnershipTags && (!_created.TryGetValue(ResourceKey.Of(resource), out var known) || known != id))
        {
            return [new(EventTypes.Normal, "Found", $"found endpoint {id} by its ownership tags; not creating another")];
        }
        return newlyAdopted ? [new(EventTypes.Normal, "Adopted", $"adopted existing endpoint {id}")] : [];
    }

    private ReconcileResult NextLook(EndpointSyncResult sync) => sync.Outcome switch
    {
        SyncOutcome.Refused => ReconcileResult.FailedUntilChanged,
        SyncOutcome.AwsFailed => ReconcileResult.Backoff(),
        SyncOutcome.Waiting => ReconcileResult.After(TimeSpan.FromSeconds(5)),
        _ when sync.Endpoint is { } endpoint && EndpointRequeue.IsSettling(endpoint.State) =>
            ReconcileResult.After(EndpointRequeue.While(endpoint, _time.GetUtcNow())),
        _ => ReconcileResult.Done,
    };

    private static EndpointSyncResult Refused(EndpointSyncResult facts, Refusal refusal) =>
        facts with { Outcome = SyncOutcome.Refused, Refusal = refusal };
}
