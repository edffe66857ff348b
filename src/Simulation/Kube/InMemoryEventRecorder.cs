using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>Keeps events in a list for tests and the demo. Aggregates like the real recorder: the same type, reason and
/// message about the same object within <see cref="AggregationWindow"/> raises the count of the earlier event. Like
/// kube-apiserver (<c>--event-ttl</c>, 1 h by default), an event is gone <see cref="EventTtl"/> after its last update.
/// While <paramref name="outage"/> is on, an event is lost without a failure, as the real recorder logs and drops it.</summary>
public sealed class InMemoryEventRecorder(TimeProvider? time = null, InMemoryOutage? outage = null) : IEventRecorder
{
    public static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);

    /// <summary>kube-apiserver's default <c>--event-ttl</c>: etcd drops an event this long after it was last written.</summary>
    public static readonly TimeSpan EventTtl = TimeSpan.FromHours(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly List<RecordedEvent> _events = new();

    /// <summary>Every event, oldest first.</summary>
    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_gate)
            {
                Expire(_time.GetUtcNow());
                return _events.ToList();
            }
        }
    }

    /// <summary>Drops every event (<see cref="InMemoryKube.Discard"/>).</summary>
    public void Discard()
    {
        lock (_gate)
        {
            _events.Clear();
            _events.TrimExcess();
        }
    }

    /// <summary>The events about one object, oldest first.</summary>
    public IReadOnlyList<RecordedEvent> For(string @namespace, string name)
    {
        lock (_gate)
        {
            Expire(_time.GetUtcNow());
            return _events.Where(e => e.Namespace == @namespace && e.Name == name).ToList();
        }
    }

    public Task RecordAsync(ICustomResource involved, string type, string reason, string message, CancellationToken ct) =>
        RecordAsync(ObjectReference.Of(involved), type, reason, message, ct);

    public Task RecordAsync(ObjectReference involved, string type, string reason, string message, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (outage?.IsOngoing == true) return Task.CompletedTask;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            var index = _events.FindLastIndex(e => e.Kind == involved.Kind && e.Namespace == involved.Namespace
                && e.Name == involved.Name && e.Uid == involved.Uid
                && e.Type == type && e.Reason == reason && e.Message == message);
            if (index >= 0 && now - _events[index].LastTimestamp < AggregationWindow)
                _events[index] = _events[index] with { Count = _events[index].Count + 1, LastTimestamp = now };
            else
                _events.Add(new RecordedEvent(involved.Kind, involved.Namespace, involved.Name, involved.Uid,
                    type, reason, message, 1, now, now));
        }
        return Task.CompletedTask;
    }

    // The events are in the order they were first recorded, not last updated, so the whole list is looked at.
    private void Expire(DateTimeOffset now) => _events.RemoveAll(e => now - e.LastTimestamp >= EventTtl);
}
