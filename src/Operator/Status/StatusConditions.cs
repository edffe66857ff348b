using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Status;

/// <summary>The conditions, drift entries and events of one status being built, in the grammar both kinds share:
/// Synced False says why and warns only on news; Drifted keeps when a difference was first seen; Ready moves with the
/// resource. Works on its own copies, so the status builder stays a pure function of the previous status.</summary>
public sealed class StatusConditions
{
    /// <summary>A clean resync that changes nothing else refreshes lastSyncTime at most this often, so a steady object costs
    /// the API server one status write per this interval instead of one per resync.</summary>
    public static readonly TimeSpan SyncTimeRefresh = TimeSpan.FromMinutes(15);

    private readonly IResourceStatus? _previous;
    private readonly long? _generation;
    private readonly List<DriftEntry> _previousDrift;
    private readonly List<PendingEvent> _events = [];
    private readonly List<string> _driftDetected = [];

    public StatusConditions(IResourceStatus? previous, long? generation, DateTimeOffset now)
    {
        _previous = previous;
        // The previous conditions themselves: one that changes is replaced by a changed copy (Set), never changed in place,
        // so the previous status stays as it was and a condition that says the same again costs nothing.
        Conditions = previous?.Conditions is { } before ? new List<Condition>(before) : [];
        // Shared, not copied: drift is replaced by a new list when it changes, never changed in place.
        _previousDrift = previous?.Drift ?? [];
        Drift = _previousDrift;
        _generation = generation;
        Now = now;
        SpecUnchangedSinceLastSync = previous?.ObservedGeneration is { } observed && observed == generation
            && ConditionList.IsTrue(Conditions, ConditionTypes.Synced);
    }

    public List<Condition> Conditions { get; }
    public List<DriftEntry> Drift { get; private set; }
    public DateTimeOffset Now { get; }
    public IReadOnlyList<PendingEvent> Events => _events;
    public IReadOnlyList<string> DriftDetectedReasons => _driftDetected;
    public bool DriftCorrected { get; private set; }
    public string SyncedReason { get; private set; } = ReadyReasons.Synced;
    /// <summary>True when AWS differing from the spec is drift, not a spec change still to be applied.</summary>
    public bool SpecUnchangedSinceLastSync { get; }

    public void Normal(string reason, string message) => _events.Add(new(EventTypes.Normal, reason, message));

    public void Warning(string reason, string message) => _events.Add(new(EventTypes.Warning, reason, message));

    public void Add(IEnumerable<PendingEvent> events) => _events.AddRange(events);

    public bool IsTrue(string type) => ConditionList.IsTrue(Conditions, type);

    /// <summary>Sets a condition the Kubernetes way (lastTransitionTime moves only when the status flips).</summary>
    public void Set(string type, bool status, string reason, string message)
    {
        var statusText = status ? ConditionStatus.True : ConditionStatus.False;
        var i = IndexOf(type);
        if (i < 0)
        {
            Conditions.Add(new Condition
            {
                Type = type, Status = statusText, Reason = reason, Message = message, LastTransitionTime = Now, ObservedGeneration = _generation,
            });
            return;
        }
        var existing = Conditions[i];
        if (existing.Status == statusText && existing.Reason == reason && existing.Message == message && existing.ObservedGeneration == _generation)
        {
            return;
        }
        Conditions[i] = new Condition
        {
            Type = type, Status = statusText, Reason = reason, Message = message,
            LastTransitionTime = existing.Status == statusText ? existing.LastTransitionTime : Now, ObservedGeneration = _generation,
        };
    }

    /// <summary>The message the condition has now (as the previous status left it, or as this reconcile set it), or null.</summary>
    public string? MessageOf(string type) => IndexOf(type) is >= 0 and var i ? Conditions[i].Message : null;

    public void Remove(string type) => ConditionList.Remove(Conditions, type);

    public void Synced(string message)
    {
        SyncedReason = ReadyReasons.Synced;
        Set(ConditionTypes.Synced, true, ReadyReasons.Synced, message);
    }

    public void SetReady(bool ready, string reason, string message) => Set(ConditionTypes.Ready, ready, reason, message);

    /// <summary>The spec cannot be reconciled as written (or AWS holds what it may not touch): say so, warn once.</summary>
    public void Refuse(Refusal refusal)
    {
        SyncedFalse(refusal.Reason, refusal.Message);
        if (!refusal.KeepReady || ConditionList.Find(Conditions, ConditionTypes.Ready) is null)
        {
            SetReady(false, refusal.Reason, refusal.Message);
        }
    }

    /// <summary>The outcomes every kind records alike: refused, failed on an AWS call, waiting (Ready False with
    /// <paramref name="waitingReason"/>). False for any other outcome, which the kind's own room records.</summary>
    public bool RecordUnsettled(SyncOutcome outcome, Refusal? refusal, Exception? error, string? note, string waitingReason, string waitingFor)
    {
        switch (outcome)
        {
            case SyncOutcome.Refused:
                Refuse(refusal ?? throw new ArgumentException("a refusal needs its reason", nameof(refusal)));
                return true;
            case SyncOutcome.AwsFailed:
                AwsFailure(error ?? throw new ArgumentException("an AWS failure needs its error", nameof(error)));
                return true;
            case SyncOutcome.Waiting:
                Synced(note ?? waitingFor);
                SetReady(false, waitingReason, note ?? waitingFor);
                return true;
            default:
                return false;
        }
    }

    public void AwsFailure(Exception e)
    {
        var (reason, message) = AwsFailures.Describe(e);
        // A resource that was Ready stays so through a failed call; one that was not ready says why it still is not.
        if (!IsTrue(ConditionTypes.Ready))
        {
            SetReady(false, reason, message);
        }
        SyncedFalse(reason, message);
    }

    public void SyncedFalse(string reason, string message)
    {
        SyncedReason = reason;
        var before = ConditionList.Find(Conditions, ConditionTypes.Synced);
        var repeated = before is { Status: ConditionStatus.False } && before.Reason == reason && before.Message == message
            && before.ObservedGeneration == _generation;
        Set(ConditionTypes.Synced, false, reason, message);
        if (!repeated)
        {
            // The same failure seen again is already in the condition and its event; only news is announced.
            Warning(reason, message);
        }
    }

    /// <summary>A check condition (DnsSupported, HttpsAllowed, CompanionsPresent, ...): a Warning when its finding is news
    /// (<see cref="FindingNews.IsNews"/>).</summary>
    public void SetCheck(string type, bool ok, string reason, string message)
    {
        if (FindingNews.IsNews(ConditionList.Find(Conditions, type), ok, reason, message))
        {
            Warning(reason, message);
        }
        Set(type, ok, reason, message);
    }

    public void NoDrift(string? note)
    {
        Drift = Drift.Count == 0 ? Drift : [];
        var drifted = ConditionList.Find(Conditions, ConditionTypes.Drifted);
        if (note is null && drifted is { Status: ConditionStatus.False, Reason: ReadyReasons.DriftCorrected })
        {
            // Still matching since the last correction: keep saying when and what was corrected.
            Set(ConditionTypes.Drifted, false, drifted.Reason, drifted.Message);
            return;
        }
        Set(ConditionTypes.Drifted, false, ReadyReasons.NoDrift, note ?? "AWS matches the spec");
    }

    /// <summary>Report mode: record the differences; change nothing.</summary>
    public void ReportDrift(IReadOnlyList<FieldDifference> differences, bool isDrift)
    {
        if (differences.Count == 0)
        {
            NoDrift(null);
            return;
        }
        Drift = DriftEntries(differences, isDrift);
        Set(ConditionTypes.Drifted, true, differences[0].Reason, "AWS differs from the spec (driftPolicy Report): " + Describe(differences));
    }

    /// <summary>Differences were just removed on AWS: drift corrected, or a spec change applied.</summary>
    public void Corrected(IReadOnlyList<FieldDifference> differences, bool isDrift)
    {
        if (differences.Count == 0)
        {
            NoDrift(null);
            return;
        }
        Drift = [];
        if (isDrift)
        {
            DriftEntries(differences, isDrift);
            DriftCorrected = true;
            Normal("DriftCorrected", "put AWS back to the spec: " + Describe(differences));
            Set(ConditionTypes.Drifted, false, ReadyReasons.DriftCorrected, "corrected at " + Now.ToString("u") + ": " + Describe(differences));
            return;
        }
        Normal("Updated", "applied the spec: " + Describe(differences));
        NoDrift(null);
    }

    /// <summary>At the end of every reconcile: every condition present in a stable order, the generation seen, the sync
    /// time when synced, and the drift, written into <paramref name="status"/>; the report the controller writes.</summary>
    public StatusReport<TStatus> Complete<TStatus>(TStatus status, IReadOnlyList<string> order, string? refusalReason = null)
        where TStatus : IResourceStatus
    {
        CompleteConditions(order);
        status.ObservedGeneration = _generation;
        status.Conditions = Conditions;
        status.Drift = Drift;
        var unchanged = SameAsPrevious(status);
        if (SyncedReason == ReadyReasons.Synced && !(unchanged && Now - _previous!.LastSyncTime < SyncTimeRefresh))
        {
            status.LastSyncTime = Now;
            unchanged = false;
        }
        return new StatusReport<TStatus>(status, Events, DriftDetectedReasons, DriftCorrected) { RefusalReason = refusalReason, Unchanged = unchanged };
    }

    // Compared as the API server would store them, lastSyncTime aside (it is the one field a clean resync moves).
    private bool SameAsPrevious<TStatus>(TStatus status) where TStatus : IResourceStatus
    {
        if (_previous is null || _previous.GetType() != status.GetType())
        {
            return false;
        }
        var syncTime = status.LastSyncTime;
        status.LastSyncTime = _previous.LastSyncTime;
        try
        {
            return StoredStatus.SameAs(_previous, status);
        }
        finally
        {
            status.LastSyncTime = syncTime;
        }
    }

    private void CompleteConditions(IReadOnlyList<string> order)
    {
        if (SyncedReason == ReadyReasons.Synced && ConditionList.Find(Conditions, ConditionTypes.Synced) is null)
        {
            Synced("reconciled");
        }
        if (ConditionList.Find(Conditions, ConditionTypes.Drifted) is null)
        {
            Set(ConditionTypes.Drifted, false, ReadyReasons.NoDrift, "no drift seen");
        }
        if (ConditionList.Find(Conditions, ConditionTypes.Ready) is null)
        {
            SetReady(false, ReadyReasons.Reconciling, "not reconciled yet");
        }
        // A stable insertion sort by place in the order (the types not in it last): the list is nearly always in order already.
        for (var i = 1; i < Conditions.Count; i++)
        {
            var condition = Conditions[i];
            var rank = Rank(order, condition.Type);
            var j = i - 1;
            while (j >= 0 && Rank(order, Conditions[j].Type) > rank)
            {
                Conditions[j + 1] = Conditions[j];
                j--;
            }
            Conditions[j + 1] = condition;
        }
    }

    private static int Rank(IReadOnlyList<string> order, string type)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == type)
            {
                return i;
            }
        }
        return order.Count;
    }

    private int IndexOf(string type)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            if (Conditions[i].Type == type)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Drift entries keep the time a difference was first seen; each newly seen one is counted and announced.</summary>
    private List<DriftEntry> DriftEntries(IReadOnlyList<FieldDifference> differences, bool isDrift)
    {
        var entries = new List<DriftEntry>();
        foreach (var d in differences)
        {
            var known = _previousDrift.FirstOrDefault(e => e.Field == d.Field);
            if (known is null && isDrift)
            {
                _driftDetected.Add(d.Reason);
                Warning("DriftDetected", $"{d.Field}: the spec wants {d.Desired}, AWS has {d.Actual}");
            }
            entries.Add(new DriftEntry { Field = d.Field, Desired = d.Desired, Actual = d.Actual, DetectedAt = known?.DetectedAt ?? Now });
        }
        return entries;
    }

    private static string Describe(IReadOnlyList<FieldDifference> differences) =>
        string.Join("; ", differences.Select(d => $"{d.Field} {d.Actual} → {d.Desired}"));
}
