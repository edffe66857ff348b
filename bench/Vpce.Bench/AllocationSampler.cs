using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Vpce.Bench;

/// <summary>The runtime's allocation ticks (one event per ~100 KB allocated, naming the type that crossed it), counted by
/// type: a cheap in-process picture of what the allocations are made of (`--alloc-profile`).</summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _counting;

    public void Start() => _counting = true;

    public void Stop() => _counting = false;

    /// <summary>The types with the most sampled bytes, and their share of all sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        var total = Math.Max(1, _bytesByType.Values.Sum());
        return _bytesByType.OrderByDescending(t => t.Value).Take(count).Select(t => (t.Key, t.Value / (double)total)).ToList();
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
            return;
        var type = e.PayloadNames?.IndexOf("TypeName") is >= 0 and var t ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames?.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
