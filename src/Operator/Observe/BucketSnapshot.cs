using System.Collections.Concurrent;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Each managed bucket's location and policy, read once per window however many objects name the bucket. Writes
/// re-read the policy fresh first (the applier) and record what they wrote here. Every read carries the account the
/// operator acts in as ExpectedBucketOwner (<paramref name="owner"/>).</summary>
public sealed class BucketSnapshot(IS3Api s3, TimeProvider time, TimeSpan window, Func<CancellationToken, Task<string>> owner)
{
    private readonly ConcurrentDictionary<string, SnapshotCell<string>> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SnapshotCell<PolicyText>> _policies = new(StringComparer.Ordinal);

    /// <summary>The account expected to own every bucket read here.</summary>
    public Task<string> OwnerAsync(CancellationToken ct) => owner(ct);

    public Task<string> RegionAsync(string bucket, CancellationToken ct) =>
        _regions.GetOrAdd(bucket, _ => new SnapshotCell<string>())
            .GetAsync(async () => await s3.GetBucketRegionAsync(bucket, await owner(ct), ct), time.GetUtcNow(), window);

    public async Task<string?> PolicyAsync(string bucket, string region, CancellationToken ct) =>
        (await _policies.GetOrAdd(bucket, _ => new SnapshotCell<PolicyText>())
            .GetAsync(async () => new PolicyText(await s3.GetBucketPolicyAsync(region, bucket, await owner(ct), ct)), time.GetUtcNow(), window)).Text;

    /// <summary>The policy as just read fresh or written.</summary>
    public void Record(string bucket, string? policy) =>
        _policies.GetOrAdd(bucket, _ => new SnapshotCell<PolicyText>()).Set(new PolicyText(policy), time.GetUtcNow());

    /// <summary>Forgets a bucket no object names any more (or one that is gone).</summary>
    public void Forget(string bucket)
    {
        _regions.TryRemove(bucket, out _);
        _policies.TryRemove(bucket, out _);
    }

    // A cell holds a reference; "no policy" is a value too.
    private sealed record PolicyText(string? Text);
}
