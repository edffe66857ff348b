using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>One reconcile of one VpcEndpoint as it builds its status: conditions, drift, events. The status writer
/// persists it at the end, whatever happened.</summary>
internal sealed class ReconcilePass
{
    private readonly long? _generation;
    private readonly bool _specUnchangedSinceLastSync;
    private readonly List<PendingEvent> _events = [];

    public ReconcilePass(VpcEndpoint resource, DateTimeOffset now)
    {
        Resource = resource;
        Now = now;
        resource.Status ??= new VpcEndpointStatus();
        Status = resource.Status;
        _generation = resource.Metadata.Generation;
        _specUnchangedSinceLastSync = Status.ObservedGeneration is not null && Status.ObservedGeneration == _generation
            && ConditionList.IsTrue(Status.Conditions, ConditionTypes.Synced);
    }

    public VpcEndpoint Resource { get; }
    public VpcEndpointStatus Status { get; }
    public DateTimeOffset Now { get; }
    public IReadOnlyList<PendingEvent> Events => _events;
    /// <summary>Set when the object is finished with (its finalizer removed): no status is written.</summary>
    public bool Finished { get; set; }
    public string SyncedReason { get; private set; } = ReadyReasons.Synced;
    /// <summary>True when AWS differing from the spec is drift, not a spec change still to be applied.</summary>
    public bool SpecUnchangedSinceLastSync => _specUnchangedSinceLastSync;

    public void Normal(string reason, string message) => _events.Add(new(EventTypes.Normal, reason, message));

    public void Warning(string reason, string message) => _events.Add(new(EventTypes.Warning, reason, message));

    public void Synced(string message)
    {
        SyncedReason = ReadyReasons.Synced;
        ConditionList.Set(Status.Conditions, ConditionTypes.Synced, true, ReadyReasons.Synced, message, _generation, Now);
    }

    public void SetReady(bool ready, string reason, string message) =>
        ConditionList.Set(Status.Conditions, ConditionTypes.Ready, ready, reason, message, _generation, Now);

    /// <summary>The spec cannot be reconciled as written (or AWS refuses what it names): say so, warn, and wait for a change.</summary>
    public ReconcileResult Refuse(string reason, string message, bool keepReady = false)
    {
        SyncedFalse(reason, message);
        if (!keepReady || ConditionList.Find(Status.Conditions, ConditionTypes.Ready) is null)
        {
            SetReady(false, reason, message);
        }
        return ReconcileResult.FailedUntilChanged;
    }

    /// <summary>A failure worth retrying with backoff.</summary>
    public ReconcileResult Fail(string reason, string message)
    {
        SyncedFalse(reason, message);
        return ReconcileResult.Backoff();
    }

    public ReconcileResult AwsFailure(Exception e)
    {
        var (reason, message) = e switch
        {
            AwsApiException { IsThrottling: true } a => (ReadyReasons.Throttled, $"throttled, retrying with backoff: {a.Message}"),
            AwsApiException { IsAccessDenied: true } a => (ReadyReasons.AccessDenied, $"AWS denied the request: {a.Message}"),
            AwsApiException { IsNotFound: true } a => (ReadyReasons.NotFound, a.Message),
            AwsApiException a => (ReasonFromCode(a.Code), a.Message),
            _ => (ReadyReasons.AwsUnavailable, $"AWS is unavailable: {e.Message}"),
        };
        // An endpoint that was Ready stays so through a failed call; one that was not ready says why it still is not.
        if (!ConditionList.IsTrue(Status.Conditions, ConditionTypes.Ready))
        {
            SetReady(false, reason, message);
        }
        return Fail(reason, message);
    }

    public void RecordDesired(DesiredEndpoint desired)
    {
        Status.Region = desired.Region;
        Status.VpcId = desired.VpcId;
        Status.ServiceName = desired.ServiceName;
        Status.Type = desired.Type;
        var skipped = desired.SkippedSubnets.Select(s => s.SubnetId).ToList();
        if (!skipped.SequenceEqual(Status.SkippedSubnetIds))
        {
            if (skipped.Count > 0)
            {
                Normal("SubnetsSkipped", "one subnet per availability zone: skipped " + string.Join(", ", desired.SkippedSubnets));
            }
            Status.SkippedSubnetIds = skipped;
        }
    }

    public void RecordActual(AwsEndpoint actual, string? prefixListId)
    {
        Status.EndpointId = actual.VpcEndpointId;
        Status.State = EndpointStates.Normalize(actual.State);
        Status.RouteTableIds = Sorted(actual.RouteTableIds);
        Status.SubnetIds = Sorted(actual.SubnetIds);
        Status.SecurityGroupIds = Sorted(actual.SecurityGroupIds);
        Status.NetworkInterfaceIds = Sorted(actual.NetworkInterfaceIds);
        Status.DnsEntries = actual.DnsEntries.Select(d => new DnsEntry { DnsName = d.DnsName, HostedZoneId = d.HostedZoneId }).ToList();
        if (prefixListId is not null)
        {
            Status.PrefixListId = prefixListId;
        }
    }

    public void RecordManaged(ManagedSets managed)
    {
        Status.ManagedRouteTableIds = [.. managed.RouteTableIds];
        Status.ManagedSubnetIds = [.. managed.SubnetIds];
        Status.ManagedSecurityGroupIds = [.. managed.SecurityGroupIds];
        Status.ManagedTagKeys = [.. managed.TagKeys];
    }

    /// <summary>DnsSupported and HttpsAllowed, for interface endpoints only.</summary>
    public void RecordChecks(EndpointObservation observation, DesiredEndpoint desired)
    {
        if (desired.IsGateway)
        {
            ConditionList.Remove(Status.Conditions, ConditionTypes.DnsSupported);
            ConditionList.Remove(Status.Conditions, ConditionTypes.HttpsAllowed);
            return;
        }
        if (desired.PrivateDnsEnabled != true)
        {
            ConditionList.Set(Status.Conditions, ConditionTypes.DnsSupported, true, "PrivateDnsDisabled",
                "private DNS is off; clients use the endpoint's own DNS names", _generation, Now);
        }
        else if (observation.VpcDns is { } dns)
        {
            var off = new List<string>();
            if (!dns.EnableDnsSupport) off.Add("enableDnsSupport");
            if (!dns.EnableDnsHostnames) off.Add("enableDnsHostnames");
            var ok = off.Count == 0;
            SetCheck(ConditionTypes.DnsSupported, ok, ok ? "VpcDnsEnabled" : "VpcDnsDisabled",
                ok ? $"{desired.VpcId} has enableDnsSupport and enableDnsHostnames"
                   : $"privateDnsEnabled needs {string.Join(" and ", off)} on {desired.VpcId}; the service's name will not resolve to the endpoint");
        }
        var vpcCidrs = observation.Vpc?.CidrBlocks ?? [];
        if (observation.EndpointSecurityGroups.Count > 0 && vpcCidrs.Count > 0)
        {
            var admitting = NetworkChecks.GroupsAdmittingHttps(observation.EndpointSecurityGroups, vpcCidrs);
            var ok = admitting.Count > 0;
            var groups = string.Join(", ", observation.EndpointSecurityGroups.Select(g => g.GroupId));
            SetCheck(ConditionTypes.HttpsAllowed, ok, ok ? "HttpsAdmitted" : "HttpsBlocked",
                ok ? $"{string.Join(", ", admitting)} admits TCP 443 from {string.Join(", ", vpcCidrs)}"
                   : $"no security group of the endpoint ({groups}) admits TCP 443 from the VPC's CIDR {string.Join(", ", vpcCidrs)}");
        }
    }

    public void NoDrift(string? note)
    {
        Status.Drift = [];
        Status.PlannedChanges = [];
        var drifted = ConditionList.Find(Status.Conditions, ConditionTypes.Drifted);
        if (note is null && drifted is { Status: ConditionStatus.False, Reason: ReadyReasons.DriftCorrected })
        {
            // Still matching since the last correction: keep saying when and what was corrected.
            drifted.ObservedGeneration = _generation;
            return;
        }
        ConditionList.Set(Status.Conditions, ConditionTypes.Drifted, false, ReadyReasons.NoDrift,
            note ?? "AWS matches the spec", _generation, Now);
    }

    /// <summary>Report mode: record the differences and the calls a Correct run would make; change nothing.</summary>
    public void ReportDrift(IReadOnlyList<FieldDifference> differences, IReadOnlyList<string> plan, bool isDrift, OperatorMetrics metrics)
    {
        Status.PlannedChanges = [.. plan];
        if (differences.Count == 0)
        {
            NoDrift(null);
            Status.PlannedChanges = [.. plan];
            return;
        }
        var entries = DriftEntries(differences, isDrift, metrics);
        Status.Drift = entries;
        ConditionList.Set(Status.Conditions, ConditionTypes.Drifted, true, differences[0].Reason,
            "AWS differs from the spec (driftPolicy Report): " + Describe(differences), _generation, Now);
    }

    /// <summary>Differences were just removed on AWS: drift corrected, or a spec change applied.</summary>
    public void Corrected(IReadOnlyList<FieldDifference> differences, bool isDrift, OperatorMetrics metrics)
    {
        Status.Drift = [];
        Status.PlannedChanges = [];
        if (differences.Count == 0)
        {
            NoDrift(null);
            return;
        }
        if (isDrift)
        {
            DriftEntries(differences, isDrift, metrics);
            metrics.RecordDriftCorrected(Resource.Kind);
            Normal("DriftCorrected", "put AWS back to the spec: " + Describe(differences));
            ConditionList.Set(Status.Conditions, ConditionTypes.Drifted, false, ReadyReasons.DriftCorrected,
                "corrected at " + Now.ToString("u") + ": " + Describe(differences), _generation, Now);
            return;
        }
        Normal("Updated", "applied the spec: " + Describe(differences));
        NoDrift(null);
    }

    public ReconcileResult NotReady(string reason, string message)
    {
        Synced(message);
        SetReady(false, reason, message);
        return ReconcileResult.Done;
    }

    public ReconcileResult Wait(string message)
    {
        Synced(message);
        SetReady(false, ReadyReasons.Pending, message);
        return ReconcileResult.After(TimeSpan.FromSeconds(5));
    }

    /// <summary>Ready from the endpoint's state (and Report-mode drift); pending and deleting come back within seconds.</summary>
    public ReconcileResult Settle(string state, AwsEndpoint actual)
    {
        if (SyncedReason == ReadyReasons.Synced)
        {
            Synced($"endpoint {actual.VpcEndpointId} is {state}");
        }
        var drifted = ConditionList.IsTrue(Status.Conditions, ConditionTypes.Drifted);
        var (ready, reason, message) = state switch
        {
            EndpointStates.Available when drifted => (false, ReadyReasons.DriftReported, $"endpoint {actual.VpcEndpointId} is available but differs from the spec"),
            EndpointStates.Available => (true, ReadyReasons.Available, $"endpoint {actual.VpcEndpointId} is available and matches the spec"),
            EndpointStates.Pending => (false, ReadyReasons.Pending, $"endpoint {actual.VpcEndpointId} is pending"),
            EndpointStates.PendingAcceptance => (false, ReadyReasons.PendingAcceptance, $"endpoint {actual.VpcEndpointId} waits for the service owner to accept it"),
            EndpointStates.Rejected => (false, ReadyReasons.Rejected, $"the service owner rejected endpoint {actual.VpcEndpointId}"),
            EndpointStates.Failed => (false, ReadyReasons.Failed, $"AWS failed to make endpoint {actual.VpcEndpointId}"),
            EndpointStates.Expired => (false, ReadyReasons.Expired, $"endpoint {actual.VpcEndpointId} expired"),
            EndpointStates.Deleting or EndpointStates.Deleted => (false, ReadyReasons.EndpointDeleted, $"endpoint {actual.VpcEndpointId} is {state}, deleted outside the operator"),
            _ => (false, ReadyReasons.Reconciling, $"endpoint {actual.VpcEndpointId} is {state}"),
        };
        if (!ready && state is EndpointStates.Rejected or EndpointStates.Failed)
        {
            Warning(reason, message);
        }
        SetReady(ready, reason, message);
        return state is EndpointStates.Pending or EndpointStates.Deleting
            ? ReconcileResult.After(VpcEndpointController.FastRequeue(this, actual))
            : ReconcileResult.Done;
    }

    /// <summary>At the end of every pass: the generation seen, the sync time, and every condition present.</summary>
    public void Complete()
    {
        Status.ObservedGeneration = _generation;
        if (SyncedReason == ReadyReasons.Synced)
        {
            Status.LastSyncTime = Now;
            if (ConditionList.Find(Status.Conditions, ConditionTypes.Synced) is null)
            {
                Synced("reconciled");
            }
        }
        if (ConditionList.Find(Status.Conditions, ConditionTypes.Drifted) is null)
        {
            ConditionList.Set(Status.Conditions, ConditionTypes.Drifted, false, ReadyReasons.NoDrift, "no drift seen", _generation, Now);
        }
        if (ConditionList.Find(Status.Conditions, ConditionTypes.Ready) is null)
        {
            SetReady(false, ReadyReasons.Reconciling, "not reconciled yet");
        }
        Status.Conditions = Status.Conditions.OrderBy(c => ConditionOrder(c.Type)).ToList();
    }

    private void SyncedFalse(string reason, string message)
    {
        SyncedReason = reason;
        var before = ConditionList.Find(Status.Conditions, ConditionTypes.Synced);
        var repeated = before is { Status: ConditionStatus.False } && before.Reason == reason && before.Message == message
            && before.ObservedGeneration == _generation;
        ConditionList.Set(Status.Conditions, ConditionTypes.Synced, false, reason, message, _generation, Now);
        if (!repeated)
        {
            // The same failure seen again is already in the condition and its event; only news is announced.
            Warning(reason, message);
        }
    }

    private void SetCheck(string type, bool ok, string reason, string message)
    {
        var before = ConditionList.Find(Status.Conditions, type);
        if (!ok && (before is null || before.Status != ConditionStatus.False))
        {
            Warning(reason, message);
        }
        ConditionList.Set(Status.Conditions, type, ok, reason, message, _generation, Now);
    }

    /// <summary>Drift entries keep the time a difference was first seen; each newly seen one is counted and announced.</summary>
    private List<DriftEntry> DriftEntries(IReadOnlyList<FieldDifference> differences, bool isDrift, OperatorMetrics metrics)
    {
        var entries = new List<DriftEntry>();
        foreach (var d in differences)
        {
            var known = Status.Drift.FirstOrDefault(e => e.Field == d.Field);
            if (known is null && isDrift)
            {
                metrics.RecordDriftDetected(Resource.Kind, d.Reason);
                Warning("DriftDetected", $"{d.Field}: the spec wants {d.Desired}, AWS has {d.Actual}");
            }
            entries.Add(new DriftEntry { Field = d.Field, Desired = d.Desired, Actual = d.Actual, DetectedAt = known?.DetectedAt ?? Now });
        }
        return entries;
    }

    private static string Describe(IReadOnlyList<FieldDifference> differences) =>
        string.Join("; ", differences.Select(d => $"{d.Field} {d.Actual} → {d.Desired}"));

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    private static int ConditionOrder(string type) => type switch
    {
        ConditionTypes.Ready => 0,
        ConditionTypes.Synced => 1,
        ConditionTypes.Drifted => 2,
        ConditionTypes.DnsSupported => 3,
        ConditionTypes.HttpsAllowed => 4,
        _ => 5,
    };

    // AWS codes such as InvalidParameterValue or VpcEndpointLimitExceeded read as CamelCase reasons already; dots go.
    private static string ReasonFromCode(string code) => new(code.Where(char.IsLetterOrDigit).ToArray());
}
