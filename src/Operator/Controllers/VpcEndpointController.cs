using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Apply;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>Reconciles one VpcEndpoint through the five rooms: model, observe, diff, apply, status.</summary>
public sealed class VpcEndpointController : IReconciler<VpcEndpoint>
{
    private static readonly TimeSpan FastRequeueMin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FastRequeueMax = TimeSpan.FromSeconds(30);

    private readonly IResourceClient<VpcEndpoint> _client;
    private readonly IEventRecorder _events;
    private readonly StatusWriter<VpcEndpoint> _statusWriter;
    private readonly RegionCatalog _catalog;
    private readonly EndpointObserver _observer;
    private readonly EndpointApplier _applier;
    private readonly OperatorMetrics _metrics;
    private readonly ReconcileSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Endpoints this process created, by object UID: the informer's copy may not show our own status write yet, and
    // finding our own endpoint by tags then is not news.
    private readonly ConcurrentDictionary<string, string> _knownEndpoints = new();

    public VpcEndpointController(IEc2Api ec2, IResourceClient<VpcEndpoint> client, IEventRecorder events,
        OperatorMetrics metrics, ReconcileSettings settings, TimeProvider time, ILogger<VpcEndpointController> logger)
    {
        _client = client;
        _events = events;
        _metrics = metrics;
        _settings = settings;
        _time = time;
        _logger = logger;
        _statusWriter = new StatusWriter<VpcEndpoint>(client, events, metrics, logger);
        _catalog = new RegionCatalog(ec2, time);
        _observer = new EndpointObserver(ec2, _catalog, settings);
        _applier = new EndpointApplier(ec2);
    }

    public void Forget(ResourceKey key) => _metrics.ForgetObject(key.Kind, key.Namespace, key.Name);


    public async Task<ReconcileResult> ReconcileAsync(VpcEndpoint cached, CancellationToken ct)
    {
        var resource = ResourceCopy.Of(cached);
        var pass = new ReconcilePass(resource, _time.GetUtcNow());
        ReconcileResult result;
        try
        {
            result = resource.Metadata.DeletionTimestamp is null
                ? await ReconcileLiveAsync(pass, ct)
                : await FinalizeAsync(pass, ct);
        }
        catch (ConflictException)
        {
            // The object moved on while we worked: the newer version is already queued.
            return ReconcileResult.Backoff();
        }
        catch (KubeObjectNotFoundException)
        {
            return ReconcileResult.Done;
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            result = pass.AwsFailure(e);
            _logger.LogWarning("{Kind} {Namespace}/{Name}: {Reason}: {Message}", resource.Kind, resource.Metadata.Namespace, resource.Metadata.Name, pass.SyncedReason, e.Message);
        }
        if (pass.Finished)
        {
            return result;
        }
        pass.Complete();
        await _statusWriter.WriteAsync(pass.Resource, pass.Events, ct);
        return result;
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(ReconcilePass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        if (!(resource.Metadata.Finalizers ?? []).Contains(CrdGroup.Finalizer))
        {
            var stored = await _client.PatchFinalizersAsync(resource, [.. resource.Metadata.Finalizers ?? [], CrdGroup.Finalizer], ct);
            resource.Metadata.ResourceVersion = stored.Metadata.ResourceVersion;
            resource.Metadata.Finalizers = stored.Metadata.Finalizers;
        }

        var (identity, errors) = VpcEndpointSpecValidator.Validate(resource.Spec, _settings);
        if (identity is null)
        {
            return pass.Refuse(ReadyReasons.InvalidSpec, string.Join("; ", errors));
        }
        var status = pass.Status;
        if (status.EndpointId is not null)
        {
            var changed = ImmutableChanges(status, identity);
            if (changed.Count > 0)
            {
                return pass.Refuse(ReadyReasons.ImmutableFieldChanged,
                    $"{string.Join("; ", changed)}; the endpoint {status.EndpointId} on AWS is left as it is (create a new object to change these)",
                    keepReady: true);
            }
        }

        var observation = await _observer.ObserveAsync(resource, identity, ct);
        if (observation.Problem is { } problem)
        {
            var message = problem.Field is null ? problem.Message : $"{problem.Field}: {problem.Message}";
            return pass.Refuse(problem.Reason, message);
        }
        var desired = EndpointModel.Build(resource, _settings, observation.Network!);
        if (status.EndpointId is not null && status.VpcId is not null && status.VpcId != desired.VpcId)
        {
            return pass.Refuse(ReadyReasons.ImmutableFieldChanged,
                $"vpcId resolves to {desired.VpcId}, but the endpoint {status.EndpointId} is in {status.VpcId}; the endpoint on AWS is left as it is",
                keepReady: true);
        }
        pass.RecordDesired(desired);
        pass.RecordChecks(observation, desired);

        var actual = observation.Actual;
        if (actual is null)
        {
            return await CreateAsync(pass, desired, ct);
        }
        if (observation.FoundBy == FoundBy.Adopted && (actual.VpcId != desired.VpcId || actual.ServiceName != desired.ServiceName
            || !string.Equals(actual.Type, desired.Type, StringComparison.OrdinalIgnoreCase)))
        {
            return pass.Refuse(ReadyReasons.AdoptionConflict,
                $"spec.endpointId: {actual.VpcEndpointId} is a {actual.Type} endpoint for {actual.ServiceName} in {actual.VpcId}; " +
                $"the spec asks for a {desired.Type} endpoint for {desired.ServiceName} in {desired.VpcId}; it is not adopted");
        }
        if (observation.FoundBy == FoundBy.OwnershipTags
            && (!_knownEndpoints.TryGetValue(resource.Metadata.Uid ?? "", out var known) || known != actual.VpcEndpointId))
        {
            pass.Normal("Found", $"found endpoint {actual.VpcEndpointId} by its ownership tags; not creating another");
        }
        else if (observation.FoundBy == FoundBy.Adopted && status.EndpointId != actual.VpcEndpointId)
        {
            pass.Normal("Adopted", $"adopted existing endpoint {actual.VpcEndpointId}");
        }

        var managed = new ManagedSets(status.ManagedRouteTableIds, status.ManagedSubnetIds, status.ManagedSecurityGroupIds)
        {
            TagKeys = status.ManagedTagKeys,
        };
        if (observation.FoundBy == FoundBy.Adopted && status.EndpointId != actual.VpcEndpointId)
        {
            managed = ManagedSets.Empty;
        }
        var delta = EndpointDiff.Compute(desired, actual, managed, observation.PrefixListId, observation.AssociatedRouteTables);
        if (delta.Immutable.Count > 0)
        {
            pass.RecordActual(actual, observation.PrefixListId);
            return pass.Refuse(ReadyReasons.ImmutableFieldChanged,
                $"{string.Join("; ", delta.Immutable)}; the endpoint {actual.VpcEndpointId} on AWS is left as it is", keepReady: true);
        }

        var state = EndpointStates.Normalize(actual.State);
        var isDrift = pass.SpecUnchangedSinceLastSync;
        if (delta.IsEmpty || state != EndpointStates.Available)
        {
            // Nothing to change, or AWS is still settling the endpoint: modifying now would be refused.
            pass.RecordActual(actual, observation.PrefixListId);
            pass.RecordManaged(delta.IsEmpty ? delta.ManagedAfter : managed);
            pass.NoDrift(delta.IsEmpty ? null : "changes wait until the endpoint is available");
            return pass.Settle(state, actual);
        }

        if (!desired.CorrectDrift)
        {
            pass.RecordActual(actual, observation.PrefixListId);
            pass.RecordManaged(managed);
            pass.ReportDrift(delta.Differences, EndpointApplier.Plan(delta), isDrift, _metrics);
            return pass.Settle(state, actual);
        }

        await _applier.ApplyAsync(desired.Region, delta, ct);
        var after = await _observer.DescribeByIdAsync(desired.Region, actual.VpcEndpointId, ct) ?? actual;
        pass.RecordActual(after, observation.PrefixListId);
        pass.RecordManaged(delta.ManagedAfter);
        pass.Corrected(delta.Differences, isDrift, _metrics);
        return pass.Settle(EndpointStates.Normalize(after.State), after);
    }

    private async Task<ReconcileResult> CreateAsync(ReconcilePass pass, DesiredEndpoint desired, CancellationToken ct)
    {
        var status = pass.Status;
        var resource = pass.Resource;
        IReadOnlyList<FieldDifference> gone = status.EndpointId is null
            ? []
            : [new FieldDifference("endpointId", DriftReasons.EndpointDeleted, status.EndpointId, "deleted")];
        if (!desired.CorrectDrift)
        {
            var plan = new[] { EndpointApplier.PlanCreate(desired) };
            pass.ReportDrift(gone, plan, isDrift: true, _metrics);
            return pass.NotReady(gone.Count > 0 ? ReadyReasons.EndpointDeleted : ReadyReasons.NotCreated,
                "driftPolicy is Report: the operator does not change AWS; plannedChanges says what it would do");
        }
        AwsEndpoint created;
        try
        {
            created = await _applier.CreateAsync(desired, ct);
        }
        catch (AwsApiException e) when (e.Code == "IdempotentParameterMismatch")
        {
            // AWS already made an endpoint for this token that Describe does not show yet: look again shortly.
            return pass.Wait($"AWS is still making the endpoint of an earlier request: {e.Message}");
        }
        pass.Normal("Created", $"created {desired.Type} endpoint {created.VpcEndpointId} for {desired.ServiceName} in {desired.VpcId}");
        _knownEndpoints[resource.Metadata.Uid ?? ""] = created.VpcEndpointId;
        pass.RecordActual(created, desired.IsGateway ? await _catalog.GetPrefixListIdAsync(desired.Region, desired.ServiceName, ct) : null);
        pass.RecordManaged((desired.Additive ? new ManagedSets(desired.RouteTableIds, desired.SubnetIds, desired.SecurityGroupIds) : ManagedSets.Empty)
            with { TagKeys = desired.Tags.Keys.Where(k => !OwnershipTags.IsReserved(k)).Order(StringComparer.Ordinal).ToList() });
        pass.Corrected(gone, isDrift: true, _metrics);
        return pass.Settle(EndpointStates.Normalize(created.State), created);
    }

    private async Task<ReconcileResult> FinalizeAsync(ReconcilePass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        if (!(resource.Metadata.Finalizers ?? []).Contains(CrdGroup.Finalizer))
        {
            pass.Finished = true;
            return ReconcileResult.Done;
        }
        if (resource.Spec.DeletionPolicy == DeletionPolicies.Retain)
        {
            pass.Normal("Retained", $"deletionPolicy is Retain: endpoint {pass.Status.EndpointId ?? "(none)"} is left on AWS");
            return await RemoveFinalizerAsync(pass, ct);
        }

        var status = pass.Status;
        var region = status.Region ?? VpcEndpointSpecValidator.Validate(resource.Spec, _settings).Identity?.Region;
        if (region is null)
        {
            // Never reconciled into a region, so nothing was ever created.
            return await RemoveFinalizerAsync(pass, ct);
        }
        var endpoint = await FindForDeletionAsync(resource, region, ct);
        if (endpoint is null || EndpointStates.Normalize(endpoint.State) == EndpointStates.Deleted)
        {
            if (status.EndpointId is not null)
            {
                pass.Normal("Deleted", $"endpoint {status.EndpointId} is deleted");
            }
            return await RemoveFinalizerAsync(pass, ct);
        }
        pass.RecordActual(endpoint, status.PrefixListId);
        if (EndpointStates.Normalize(endpoint.State) != EndpointStates.Deleting)
        {
            var failures = await _applier.DeleteAsync(region, endpoint.VpcEndpointId, ct);
            if (failures.Count > 0)
            {
                var failure = failures[0];
                if (!AwsErrorCodes.IsNotFound(failure.Code))
                {
                    return pass.Fail(ReadyReasons.DeleteFailed, $"DeleteVpcEndpoints refused {failure.VpcEndpointId}: {failure.Code}: {failure.Message}");
                }
                return await RemoveFinalizerAsync(pass, ct);
            }
            pass.Normal("Deleting", $"deleting endpoint {endpoint.VpcEndpointId}");
            status.State = EndpointStates.Deleting;
        }
        pass.Synced($"waiting for AWS to delete {endpoint.VpcEndpointId}");
        pass.SetReady(false, ReadyReasons.Deleting, $"endpoint {endpoint.VpcEndpointId} is being deleted");
        return ReconcileResult.After(FastRequeue(pass, endpoint));
    }

    private async Task<AwsEndpoint?> FindForDeletionAsync(VpcEndpoint resource, string region, CancellationToken ct)
    {
        var id = resource.Status?.EndpointId ?? resource.Spec.EndpointId;
        if (id is not null)
        {
            return await _observer.DescribeByIdAsync(region, id, ct);
        }
        // A crash may have left an endpoint whose id never reached the status: find it by its ownership tags.
        var owned = await _observer.DescribeOwnedAsync(resource, region, ct);
        return owned.FirstOrDefault(e => EndpointStates.Normalize(e.State) != EndpointStates.Deleted);
    }

    private async Task<ReconcileResult> RemoveFinalizerAsync(ReconcilePass pass, CancellationToken ct)
    {
        var resource = pass.Resource;
        var remaining = (resource.Metadata.Finalizers ?? []).Where(f => f != CrdGroup.Finalizer).ToList();
        foreach (var e in pass.Events)
        {
            await RecordQuietlyAsync(resource, e, ct);
        }
        await _client.PatchFinalizersAsync(resource, remaining, ct);
        _knownEndpoints.TryRemove(resource.Metadata.Uid ?? "", out _);
        pass.Finished = true;
        return ReconcileResult.Done;
    }

    private async Task RecordQuietlyAsync(VpcEndpoint resource, PendingEvent e, CancellationToken ct)
    {
        try
        {
            await _events.RecordAsync(resource, e.Type, e.Reason, e.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "could not record event {Reason}", e.Reason);
        }
    }

    private static List<string> ImmutableChanges(VpcEndpointStatus status, EndpointIdentity identity)
    {
        var changed = new List<string>();
        if (status.Region is not null && status.Region != identity.Region)
        {
            changed.Add($"region is {status.Region} on AWS, the spec asks for {identity.Region}");
        }
        if (status.ServiceName is not null && status.ServiceName != identity.ServiceName)
        {
            changed.Add($"serviceName is {status.ServiceName} on AWS, the spec asks for {identity.ServiceName}");
        }
        if (status.Type is not null && status.Type != identity.Type)
        {
            changed.Add($"type is {status.Type} on AWS, the spec asks for {identity.Type}");
        }
        return changed;
    }

    /// <summary>Seconds, growing with how long AWS has been at it: quick while an endpoint is new, calmer later.</summary>
    internal static TimeSpan FastRequeue(ReconcilePass pass, AwsEndpoint endpoint)
    {
        var age = endpoint.CreationTimestamp is { } created ? pass.Now - created : TimeSpan.Zero;
        var delay = TimeSpan.FromTicks(Math.Max(age.Ticks / 4, FastRequeueMin.Ticks));
        return delay > FastRequeueMax ? FastRequeueMax : delay;
    }
}
