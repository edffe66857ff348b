using System.Collections.Concurrent;

namespace Vpce.Simulation.Aws;

/// <summary>
/// Every API call the simulator answered (or refused), by "service:Operation", e.g. "ec2:DescribeVpcEndpoints".
/// A Describe that spans several pages counts one call per page, as AWS bills and throttles them.
/// </summary>
public sealed class AwsCallCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _throttled = new(StringComparer.Ordinal);

    /// <summary>Calls of one operation; 0 for one never called.</summary>
    public int this[string operation] => _counts.GetValueOrDefault(operation);

    /// <summary>Calls of one operation refused with RequestLimitExceeded.</summary>
    public int Throttled(string operation) => _throttled.GetValueOrDefault(operation);

    public int Total => _counts.Values.Sum();

    public int TotalThrottled => _throttled.Values.Sum();

    /// <summary>A copy of the counts, for reports.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>A copy of the refusals with RequestLimitExceeded, by operation.</summary>
    public IReadOnlyDictionary<string, int> ThrottledSnapshot() => new SortedDictionary<string, int>(_throttled, StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        _throttled.Clear();
    }

    internal void Record(string operation) => _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    internal void RecordThrottled(string operation) => _throttled.AddOrUpdate(operation, 1, (_, n) => n + 1);
}
