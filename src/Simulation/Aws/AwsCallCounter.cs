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
    private readonly ConcurrentDictionary<(string Region, string Operation), int> _byRegion = new();

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

    /// <summary>A copy of the counts of calls made in one region (EC2's; S3 and STS calls name none), for reports: the bench
    /// gives AWS calls per account and region.</summary>
    public IReadOnlyDictionary<string, int> SnapshotIn(string region) =>
        new SortedDictionary<string, int>(_byRegion.Where(c => c.Key.Region == region).ToDictionary(c => c.Key.Operation, c => c.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

    public void Reset()
    {
        _counts.Clear();
        _throttled.Clear();
        _byRegion.Clear();
    }

    internal void Record(string operation, string? region = null)
    {
        _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (region is not null) _byRegion.AddOrUpdate((region, operation), 1, (_, n) => n + 1);
    }

    internal void RecordThrottled(string operation) => _throttled.AddOrUpdate(operation, 1, (_, n) => n + 1);
}
