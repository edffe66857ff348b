using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Status;

/// <summary>The status builder of VpcEndpoint, pure: the previous status and what one reconcile found and did → the next
/// status, its conditions, the events to record and the drift the metrics count. No I/O; the controller writes it.</summary>
public static class VpcEndpointStatusBuilder
{
    private static readonly IReadOnlyList<string> ConditionOrder =
        [ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted, ConditionTypes.RoutesCovered, ConditionTypes.DnsSupported,
         ConditionTypes.HttpsAllowed, ConditionTypes.NetworkAclAllows, ConditionTypes.CompanionsPresent, ConditionTypes.PolicyLint,
         ConditionTypes.Exported];

    public static StatusReport<VpcEndpointStatus> Build(VpcEndpointStatus? previous, long? generation, DateTimeOffset now, EndpointSyncResult sync)
    {
        var status = CopyOf(previous);
        var c = new StatusConditions(previous, generation, now);
        c.Add(sync.Notes);
        if (sync.AccountId is { } account)
        {
            status.AccountId = account;
        }
        if (sync.Desired is { } desired)
        {
            RecordDesired(status, c, desired);
            if (sync.NetworkPath is { } path)
            {
                NetworkPathConditions.Record(status, c, desired, path);
            }
        }
        if (sync.Endpoint is { } endpoint)
        {
            RecordEndpoint(status, endpoint, sync.PrefixListId);
        }
        status.UnconfirmedCall = sync.Unconfirmed;
        if (sync.Managed is { } managed)
        {
            status.ManagedRouteTableIds = Kept(status.ManagedRouteTableIds, managed.RouteTableIds);
            status.ManagedSubnetIds = Kept(status.ManagedSubnetIds, managed.SubnetIds);
            status.ManagedSecurityGroupIds = Kept(status.ManagedSecurityGroupIds, managed.SecurityGroupIds);
            status.ManagedTagKeys = Kept(status.ManagedTagKeys, managed.TagKeys);
        }

        var isDrift = c.SpecUnchangedSinceLastSync;
        if (!c.RecordUnsettled(sync.Outcome, sync.Refusal, sync.Error, sync.WaitingFor, ReadyReasons.Pending, "waiting for AWS"))
        {
            RecordOutcome(c, status, previous, sync, isDrift);
        }
        // The advisory checks and the export come after what was done to the endpoint, in conditions and in events alike.
        if (sync.Advice is { } advice && sync.Desired is { } checkedFor)
        {
            CompanionConditions.Record(c, checkedFor.VpcId, advice.Companions);
            PolicyLintConditions.Record(c, status, previous?.PolicyFindings ?? [], advice.PolicyFindings);
        }
        ExportConditions.Record(c, status, sync.Export);
        return c.Complete(status, ConditionOrder, sync.Outcome == SyncOutcome.Refused ? sync.Refusal?.Reason : null);
    }

    /// <summary>What was done to the endpoint, once it was neither refused, failed nor waiting.</summary>
    private static void RecordOutcome(StatusConditions c, VpcEndpointStatus status, VpcEndpointStatus? previous, EndpointSyncResult sync, bool isDrift)
    {
        switch (sync.Outcome)
        {
            case SyncOutcome.Created:
                // Re-created after a deletion outside the operator: that was drift.
                c.Corrected(sync.Differences, isDrift: true);
                status.PlannedChanges = NoneOf(status.PlannedChanges);
                ReadyFromState(c, sync.Endpoint);
                break;
            case SyncOutcome.Unchanged:
            case SyncOutcome.Deferred:
                c.NoDrift(sync.WaitingFor);
                status.PlannedChanges = NoneOf(status.PlannedChanges);
                ReadyFromState(c, sync.Endpoint);
                break;
            case SyncOutcome.Reported:
                c.ReportDrift(sync.Differences, isDrift);
                status.PlannedChanges = [.. sync.Plan];
                ReadyFromState(c, sync.Endpoint);
                break;
            case SyncOutcome.Corrected:
                c.Corrected(sync.Differences, isDrift);
                status.PlannedChanges = NoneOf(status.PlannedChanges);
                ReadyFromState(c, sync.Endpoint);
                break;
            case SyncOutcome.ReportedMissing:
                c.ReportDrift(sync.Differences, isDrift: true);
                status.PlannedChanges = [.. sync.Plan];
                var message = $"endpoint {previous?.EndpointId} was deleted outside the operator; driftPolicy is Report, so it is not re-created (plannedChanges says what Correct would do)";
                c.Synced(message);
                c.SetReady(false, ReadyReasons.EndpointDeleted, message);
                break;
        }
    }

    /// <summary>A deletion that keeps the finalizer: waiting for AWS, refused by it, or failed on a call.</summary>
    public static StatusReport<VpcEndpointStatus> Deleting(VpcEndpointStatus? previous, long? generation, DateTimeOffset now, DeletionProgress progress)
    {
        var status = CopyOf(previous);
        var c = new StatusConditions(previous, generation, now);
        c.Add(progress.Notes);
        status.UnconfirmedCall = progress.Unconfirmed;
        if (progress.Error is { } error)
        {
            c.AwsFailure(error);
        }
        else if (progress.Failure is { } failure)
        {
            c.SyncedFalse(failure.Reason, failure.Message);
        }
        else if (progress.WaitingFor is { } waiting)
        {
            c.Synced(waiting);
            c.SetReady(false, ReadyReasons.Deleting, waiting);
        }
        else if (progress.DeletingId is { } id)
        {
            if (progress.Endpoint is { } endpoint)
            {
                RecordEndpoint(status, endpoint, null);
            }
            status.State = EndpointStates.Deleting;
            c.Synced($"waiting for AWS to delete {id}");
            c.SetReady(false, ReadyReasons.Deleting, $"endpoint {id} is being deleted");
        }
        return c.Complete(status, ConditionOrder);
    }

    private static void RecordDesired(VpcEndpointStatus status, StatusConditions c, DesiredEndpoint desired)
    {
        status.Region = desired.Region;
        status.VpcId = desired.VpcId;
        status.ServiceName = desired.ServiceName;
        status.Type = desired.Type;
        if (!SameSkipped(desired.SkippedSubnets, status.SkippedSubnetIds))
        {
            var skipped = desired.SkippedSubnets.Select(s => s.SubnetId).ToList();
            if (skipped.Count > 0)
            {
                c.Normal("SubnetsSkipped", "one subnet per availability zone: skipped " + string.Join(", ", desired.SkippedSubnets));
            }
            status.SkippedSubnetIds = skipped;
        }
    }

    private static void RecordEndpoint(VpcEndpointStatus status, AwsEndpoint endpoint, string? prefixListId)
    {
        status.EndpointId = endpoint.VpcEndpointId;
        status.State = endpoint.State;
        status.RouteTableIds = Sorted(status.RouteTableIds, endpoint.RouteTableIds);
        status.SubnetIds = Sorted(status.SubnetIds, endpoint.SubnetIds);
        status.SecurityGroupIds = Sorted(status.SecurityGroupIds, endpoint.SecurityGroupIds);
        status.NetworkInterfaceIds = Sorted(status.NetworkInterfaceIds, endpoint.NetworkInterfaceIds);
        if (!SameDns(status.DnsEntries, endpoint.DnsEntries))
        {
            status.DnsEntries = endpoint.DnsEntries.Select(d => new DnsEntry { DnsName = d.DnsName, HostedZoneId = d.HostedZoneId }).ToList();
        }
        if (prefixListId is not null)
        {
            status.PrefixListId = prefixListId;
        }
    }

    /// <summary>Ready from the endpoint's state (and Report-mode drift).</summary>
    private static void ReadyFromState(StatusConditions c, AwsEndpoint? endpoint)
    {
        if (endpoint is null)
        {
            return;
        }
        var id = endpoint.VpcEndpointId;
        var state = endpoint.State;
        if (c.SyncedReason == ReadyReasons.Synced)
        {
            c.Synced(Texts.Or(c.MessageOf(ConditionTypes.Synced), $"endpoint {id} is {state}"));
        }
        var drifted = c.IsTrue(ConditionTypes.Drifted);
        var standing = c.MessageOf(ConditionTypes.Ready);
        var (ready, reason, message) = state switch
        {
            EndpointStates.Available when drifted => (false, ReadyReasons.DriftReported, $"endpoint {id} is available but differs from the spec"),
            EndpointStates.Available => (true, ReadyReasons.Available, Texts.Or(standing, $"endpoint {id} is available and matches the spec")),
            EndpointStates.Pending => (false, ReadyReasons.Pending, $"endpoint {id} is pending"),
            EndpointStates.PendingAcceptance => (false, ReadyReasons.PendingAcceptance, $"endpoint {id} waits for the service owner to accept it"),
            EndpointStates.Rejected => (false, ReadyReasons.Rejected, $"the service owner rejected endpoint {id}"),
            EndpointStates.Failed => (false, ReadyReasons.Failed, $"AWS failed to make endpoint {id}"),
            EndpointStates.Expired => (false, ReadyReasons.Expired, $"endpoint {id} expired"),
            EndpointStates.Deleting or EndpointStates.Deleted => (false, ReadyReasons.EndpointDeleted, $"endpoint {id} is {state}, deleted outside the operator"),
            _ => (false, ReadyReasons.Reconciling, $"endpoint {id} is {state}"),
        };
        if (!ready && state is EndpointStates.Rejected or EndpointStates.Failed)
        {
            c.Warning(reason, message);
        }
        c.SetReady(ready, reason, message);
    }

    /// <summary>The previous status, field by field: what this reconcile does not touch stays as it was. Its lists are
    /// shared, not copied: the builder and the conditions replace a list they change, never change one in place.</summary>
    private static VpcEndpointStatus CopyOf(VpcEndpointStatus? p) => p?.SharingValues() ?? new VpcEndpointStatus();

    /// <summary>The ids sorted: <paramref name="recorded"/> itself when it holds them so already.</summary>
    private static List<string> Sorted(List<string> recorded, IReadOnlyList<string> ids)
    {
        if (recorded.Count == ids.Count)
        {
            var same = true;
            for (var i = 0; i < ids.Count && same; i++)
            {
                same = (i == 0 || string.CompareOrdinal(ids[i - 1], ids[i]) < 0) && recorded[i] == ids[i];
            }
            if (same)
            {
                return recorded;
            }
        }
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The ids as given: <paramref name="recorded"/> itself when it holds them already.</summary>
    private static List<string> Kept(List<string> recorded, IReadOnlyList<string> ids)
    {
        if (recorded.Count == ids.Count)
        {
            var same = true;
            for (var i = 0; i < ids.Count && same; i++)
            {
                same = recorded[i] == ids[i];
            }
            if (same)
            {
                return recorded;
            }
        }
        return [.. ids];
    }

    private static List<string> NoneOf(List<string> recorded) => recorded.Count == 0 ? recorded : [];

    private static bool SameSkipped(IReadOnlyList<SkippedSubnet> skipped, List<string> recorded)
    {
        if (skipped.Count != recorded.Count)
        {
            return false;
        }
        for (var i = 0; i < skipped.Count; i++)
        {
            if (skipped[i].SubnetId != recorded[i])
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameDns(List<DnsEntry> recorded, IReadOnlyList<AwsDnsEntry> entries)
    {
        if (recorded.Count != entries.Count)
        {
            return false;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (recorded[i].DnsName != entries[i].DnsName || recorded[i].HostedZoneId != entries[i].HostedZoneId)
            {
                return false;
            }
        }
        return true;
    }
}
