using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Vpce.Operator.Observability;

/// <summary>The metric series of API.md, on one Meter that the Prometheus exporter reads; those of <see cref="KnownLabels"/>
/// exist at 0 from the start.</summary>
public sealed class OperatorMetrics : IDisposable
{
    public const string MeterName = "vpce-operator";

    private readonly Meter _meter;
    private readonly Counter<long> _reconciles;
    private readonly Histogram<double> _reconcileDuration;
    private readonly Histogram<double> _phaseDuration;
    private readonly Counter<long> _driftDetected;
    private readonly Counter<long> _driftCorrected;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _awsRequests;
    private readonly Histogram<double> _awsRequestDuration;
    private readonly Counter<long> _assumeRoles;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _credentialExpiries = new(StringComparer.Ordinal);
    private readonly Counter<long> _queueAdds;
    private readonly Counter<long> _queueRetries;
    private readonly Histogram<double> _queueDuration;
    private readonly Histogram<double> _workDuration;
    // Per queue name: how to read its depth, for the observable gauge.
    private readonly ConcurrentDictionary<string, Func<int>> _queueDepths = new();
    // Per kind: the objects that do not decode now; a kind stays (at 0) once it has been tracked, and the known kinds from the start.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Namespace, string Name), byte>> _undecodable =
        new(KnownLabels.Kinds.Select(kind => KeyValuePair.Create(kind, new ConcurrentDictionary<(string Namespace, string Name), byte>())));
    // Per object: (kind, namespace, name) → its last reported state, read by the observable gauges.
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), ObjectHealth> _objects = new();

    public OperatorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _reconciles = _meter.CreateCounter<long>("vpce_reconcile_total", description: "Reconciles by kind and result (success, error, requeue).");
        _reconcileDuration = _meter.CreateHistogram<double>("vpce_reconcile_duration_seconds", unit: "s", description: "Reconcile duration.");
        _phaseDuration = _meter.CreateHistogram<double>("vpce_reconcile_phase_duration_seconds", unit: "s",
            description: "Duration of one phase of a reconcile (validate, resolve, read, plan, apply, ..., status, finalize), by kind and phase.");
        _driftDetected = _meter.CreateCounter<long>("vpce_drift_detected_total", description: "Drift found on AWS, by reason.");
        _driftCorrected = _meter.CreateCounter<long>("vpce_drift_corrected_total", description: "Drift the operator corrected.");
        _refusals = _meter.CreateCounter<long>("vpce_refusals_total",
            description: "Reconciles refused before any AWS write (a safety rule such as RegionMismatch or WouldLockOutOperator, or an invalid spec), by kind and reason.");
        _awsRequests = _meter.CreateCounter<long>("vpce_aws_requests_total", description: "AWS API calls by service, operation and outcome (success, throttled, error).");
        _awsRequestDuration = _meter.CreateHistogram<double>("vpce_aws_request_duration_seconds", unit: "s", description: "AWS API call duration.");
        _assumeRoles = _meter.CreateCounter<long>("vpce_sts_assume_role_total", description: "STS AssumeRole calls by AwsAccount and outcome (success, error).");
        _meter.CreateObservableGauge("vpce_account_credentials_expiry_timestamp_seconds", ObserveCredentialExpiries, unit: "s",
            description: "When each AwsAccount's assumed-role credentials expire (Unix time).");
        _meter.CreateObservableGauge("vpce_resources", ObserveResources, description: "Managed objects by state (ready, not_ready, drifted).");
        _meter.CreateObservableGauge("vpce_drift", ObserveDrift, description: "1 while the object has drift; no series for an object without.");
        _meter.CreateObservableGauge("vpce_undecodable_objects", ObserveUndecodable,
            description: "Objects of the kind that do not decode into the operator's type now (skipped until fixed).");
        // client-go's work-queue series (util/workqueue/metrics.go), name = the kind.
        _meter.CreateObservableGauge("vpce_workqueue_depth", ObserveQueueDepths, description: "Keys waiting in the work queue to be handed to a worker.");
        _queueAdds = _meter.CreateCounter<long>("vpce_workqueue_adds_total", description: "Keys added to the work queue (a key already waiting is not counted again).");
        _queueRetries = _meter.CreateCounter<long>("vpce_workqueue_retries_total", description: "Rate-limited re-adds (retries with backoff).");
        _queueDuration = _meter.CreateHistogram<double>("vpce_workqueue_queue_duration_seconds", unit: "s", description: "How long a key waited in the queue before a worker took it.");
        _workDuration = _meter.CreateHistogram<double>("vpce_workqueue_work_duration_seconds", unit: "s", description: "How long a worker held a key.");
    }

    /// <summary>Adds 0 to every counter series of <see cref="KnownLabels"/>, so that each exists from now on. A listener (the
    /// exporter, a test's probe) sees only what is recorded while it listens: call this once it does. The gauges need no
    /// call, since they report the known labels on every read.</summary>
    public void StartAtZero()
    {
        foreach (var kind in KnownLabels.Kinds)
        {
            foreach (var result in KnownLabels.ReconcileResults) _reconciles.Add(0, new("kind", kind), new("result", result));
            foreach (var reason in KnownLabels.DriftReasonsByKind[kind]) _driftDetected.Add(0, new("kind", kind), new("reason", reason));
            _driftCorrected.Add(0, new KeyValuePair<string, object?>("kind", kind));
            foreach (var reason in KnownLabels.RefusalReasonsByKind[kind]) _refusals.Add(0, new("kind", kind), new("reason", reason));
            _queueAdds.Add(0, new KeyValuePair<string, object?>("name", kind));
            _queueRetries.Add(0, new KeyValuePair<string, object?>("name", kind));
        }
        foreach (var (service, operation) in KnownLabels.AwsOperations)
        {
            foreach (var outcome in KnownLabels.AwsRequestOutcomes)
                _awsRequests.Add(0, new("account", AccountLabels.Operator), new("service", service), new("operation", operation), new("outcome", outcome));
        }
    }

    /// <summary>This instance's meter, so a listener can tell its series from another instance's.</summary>
    public Meter Meter => _meter;

    public void RecordReconcile(string kind, string result, TimeSpan duration)
    {
        _reconciles.Add(1, new("kind", kind), new("result", result));
        _reconcileDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void RecordPhase(string kind, string phase, TimeSpan duration) =>
        _phaseDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("phase", phase));

    public void RecordDriftDetected(string kind, string reason) =>
        _driftDetected.Add(1, new("kind", kind), new("reason", reason));

    public void RecordDriftCorrected(string kind) =>
        _driftCorrected.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A reconcile refused with <paramref name="reason"/> and nothing written (the Warning event's reason).</summary>
    public void RecordRefusal(string kind, string reason) =>
        _refusals.Add(1, new("kind", kind), new("reason", reason));

    /// <summary>One call to AWS, which was <paramref name="requests"/> requests as AWS counts them (a Describe's pages, the two
    /// attributes of a VPC): the counter counts requests, the histogram the call. The earlier requests of a call that failed
    /// on its last one succeeded.</summary>
    public void RecordAwsRequest(string account, string service, string operation, string outcome, TimeSpan duration, int requests = 1)
    {
        if (requests > 1 && outcome != AwsOutcomes.Success)
        {
            _awsRequests.Add(requests - 1, new("account", account), new("service", service), new("operation", operation), new("outcome", AwsOutcomes.Success));
            requests = 1;
        }
        _awsRequests.Add(requests, new("account", account), new("service", service), new("operation", operation), new("outcome", outcome));
        _awsRequestDuration.Record(duration.TotalSeconds, new("account", account), new("service", service), new("operation", operation));
    }

    /// <summary>One STS AssumeRole for the AwsAccount <paramref name="account"/> (each hop of a chain counts).</summary>
    public void RecordAssumeRole(string account, string outcome) =>
        _assumeRoles.Add(1, new("account", account), new("outcome", outcome));

    /// <summary>When the account's credentials expire; null drops its series (the account is gone).</summary>
    public void SetCredentialsExpiry(string account, DateTimeOffset? expiresAt)
    {
        if (expiresAt is { } at) _credentialExpiries[account] = at;
        else _credentialExpiries.TryRemove(account, out _);
    }

    private IEnumerable<Measurement<double>> ObserveCredentialExpiries() =>
        _credentialExpiries.Select(e => new Measurement<double>(e.Value.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>("account", e.Key)));

    /// <summary>Makes the work queue <paramref name="name"/> report its depth (replacing an earlier queue of that name).</summary>
    public void TrackWorkQueue(string name, Func<int> depth) => _queueDepths[name] = depth;

    /// <summary>Stops reading the queue's depth, if <paramref name="depth"/> is still the one tracked for <paramref name="name"/>:
    /// a known queue name then reads 0, any other has no series.</summary>
    public void UntrackWorkQueue(string name, Func<int> depth) =>
        _queueDepths.TryRemove(new KeyValuePair<string, Func<int>>(name, depth));

    public void RecordWorkQueueAdd(string name) => _queueAdds.Add(1, new KeyValuePair<string, object?>("name", name));

    public void RecordWorkQueueRetry(string name) => _queueRetries.Add(1, new KeyValuePair<string, object?>("name", name));

    public void RecordWorkQueueWait(string name, TimeSpan waited) =>
        _queueDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("name", name));

    public void RecordWorkQueueWork(string name, TimeSpan worked) =>
        _workDuration.Record(worked.TotalSeconds, new KeyValuePair<string, object?>("name", name));

    /// <summary>Makes vpce_undecodable_objects report the kind, at 0 until one of its objects does not decode.</summary>
    public void TrackUndecodable(string kind) => _undecodable.GetOrAdd(kind, _ => new());

    /// <summary>Whether the object currently does not decode; an object that decodes again, or is deleted, is set back to false.</summary>
    public void SetUndecodable(string kind, string @namespace, string name, bool undecodable)
    {
        var objects = _undecodable.GetOrAdd(kind, _ => new());
        if (undecodable) objects[(@namespace, name)] = 0;
        else objects.TryRemove((@namespace, name), out _);
    }

    /// <summary>The object's readiness and drift as of its last reconcile.</summary>
    public void SetObjectHealth(string kind, string @namespace, string name, bool ready, bool drifted) =>
        _objects[(kind, @namespace, name)] = new ObjectHealth(ready, drifted);

    public void ForgetObject(string kind, string @namespace, string name) =>
        _objects.TryRemove((kind, @namespace, name), out _);

    private IEnumerable<Measurement<long>> ObserveResources()
    {
        var byKind = _objects.GroupBy(o => o.Key.Kind).ToDictionary(g => g.Key, g => g.Select(o => o.Value).ToList());
        foreach (var kind in KnownLabels.Kinds.Union(byKind.Keys))
        {
            var objects = byKind.GetValueOrDefault(kind) ?? [];
            var ready = objects.Count(o => o.Ready);
            yield return new(ready, new("kind", kind), new("state", ResourceStates.Ready));
            yield return new(objects.Count - ready, new("kind", kind), new("state", ResourceStates.NotReady));
            yield return new(objects.Count(o => o.Drifted), new("kind", kind), new("state", ResourceStates.Drifted));
        }
    }

    // Drifted objects only: a series for every object would be 10,000 series at 10,000 objects, past what the exporter keeps.
    private IEnumerable<Measurement<long>> ObserveDrift() =>
        _objects.Where(o => o.Value.Drifted).Select(o => new Measurement<long>(1,
            new("kind", o.Key.Kind), new("namespace", o.Key.Namespace), new("name", o.Key.Name)));

    private IEnumerable<Measurement<long>> ObserveUndecodable() =>
        _undecodable.Select(kind => new Measurement<long>(kind.Value.Count, new KeyValuePair<string, object?>("kind", kind.Key)));

    private IEnumerable<Measurement<int>> ObserveQueueDepths()
    {
        // One snapshot, so a queue tracked meanwhile is reported once or not at all, never twice.
        var queues = _queueDepths.ToArray();
        return queues.Select(queue => new Measurement<int>(queue.Value(), new KeyValuePair<string, object?>("name", queue.Key)))
            .Concat(KnownLabels.Kinds.Except(queues.Select(queue => queue.Key))
                .Select(kind => new Measurement<int>(0, new KeyValuePair<string, object?>("name", kind))));
    }

    public void Dispose() => _meter.Dispose();

    private sealed record ObjectHealth(bool Ready, bool Drifted);
}
