using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>One kind of VPC-scoped resource (route tables, subnets, security groups) read once per region and window for
/// every VPC in use: one Describe with a vpc-id filter of up to 200 values, paginated, split by VPC. So the calls grow with
/// pages and VPCs in use, not with one call per VPC. A VPC first asked for inside a window is read alone (once) and joins
/// the regional read from the next window on; a VPC nobody asked for in two windows leaves it. Each item is kept once, by
/// <paramref name="idOf"/>, however often the listing's pages showed it (<see cref="PagedListing"/>).</summary>
public sealed class VpcScopedCells<T>(
    Func<string, IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<T>>> describe,
    Func<T, string> idOf,
    Func<T, string> vpcOf,
    TimeProvider time,
    TimeSpan window)
{
    private readonly ConcurrentDictionary<string, SnapshotCell<ImmutableDictionary<string, IReadOnlyList<T>>>> _regions = new();
    private readonly ConcurrentDictionary<(string Region, string VpcId), SnapshotCell<IReadOnlyList<T>>> _alone = new();
    // When each VPC was last asked for, in UTC ticks: a box per VPC, so asking again (every reconcile) allocates nothing.
    private readonly ConcurrentDictionary<(string Region, string VpcId), StrongBox<long>> _lastAsked = new();

    /// <summary>The VPC's resources; no fetch is set up while the region's read is fresh and shows the VPC.</summary>
    public ValueTask<IReadOnlyList<T>> GetAsync(string region, string vpcId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Volatile.Write(ref _lastAsked.GetOrAdd((region, vpcId), static _ => new StrongBox<long>()).Value, now.UtcTicks);
        if (RegionCell(region).TryGetFresh(now, window, out var fresh) && fresh.TryGetValue(vpcId, out var known))
        {
            return new(known);
        }
        return new(FetchAsync(region, vpcId, now, ct));
    }

    private async Task<IReadOnlyList<T>> FetchAsync(string region, string vpcId, DateTimeOffset now, CancellationToken ct)
    {
        var byVpc = await RegionCell(region).GetAsync(() => ReadRegionAsync(region, vpcId, now, ct), now, window);
        if (byVpc.TryGetValue(vpcId, out var items))
        {
            return items;
        }
        return await AloneCell(region, vpcId).GetAsync(async () => PagedListing.EachOnce(await describe(region, [vpcId], ct), idOf), now, window);
    }

    /// <summary>A VPC's resources as just read: kept until the next regional read.</summary>
    public void Record(string region, string vpcId, IReadOnlyList<T> items)
    {
        RegionCell(region).Update(all => all.Remove(vpcId));
        AloneCell(region, vpcId).Set(items, time.GetUtcNow());
    }

    /// <summary>The operator changed this VPC's resources: the next ask reads that VPC again.</summary>
    public void Invalidate(string region, string vpcId)
    {
        RegionCell(region).Update(all => all.Remove(vpcId));
        AloneCell(region, vpcId).Invalidate();
    }

    public void EvictRegion(string region)
    {
        _regions.TryRemove(region, out _);
        foreach (var key in _alone.Keys.Where(k => k.Region == region).ToList())
        {
            _alone.TryRemove(key, out _);
        }
        foreach (var key in _lastAsked.Keys.Where(k => k.Region == region).ToList())
        {
            _lastAsked.TryRemove(key, out _);
        }
    }

    private async Task<ImmutableDictionary<string, IReadOnlyList<T>>> ReadRegionAsync(string region, string askedVpc, DateTimeOffset now, CancellationToken ct)
    {
        var inUse = VpcsInUse(region, now).Append(askedVpc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byVpc = inUse.ToDictionary(v => v, _ => new List<T>(), StringComparer.Ordinal);
        foreach (var chunk in inUse.Chunk(ResourceQuery.MaxFilterValues))
        {
            foreach (var item in PagedListing.EachOnce(await describe(region, chunk, ct), idOf))
            {
                if (byVpc.TryGetValue(vpcOf(item), out var list))
                {
                    list.Add(item);
                }
            }
        }
        return byVpc.ToImmutableDictionary(p => p.Key, p => (IReadOnlyList<T>)p.Value, StringComparer.Ordinal);
    }

    private IEnumerable<string> VpcsInUse(string region, DateTimeOffset now)
    {
        foreach (var ((r, vpcId), askedTicks) in _lastAsked)
        {
            if (r != region)
            {
                continue;
            }
            if (now.UtcTicks - Volatile.Read(ref askedTicks.Value) > (2 * window).Ticks)
            {
                _lastAsked.TryRemove(new KeyValuePair<(string, string), StrongBox<long>>((r, vpcId), askedTicks));
                continue;
            }
            yield return vpcId;
        }
    }

    private SnapshotCell<ImmutableDictionary<string, IReadOnlyList<T>>> RegionCell(string region) =>
        _regions.GetOrAdd(region, _ => new SnapshotCell<ImmutableDictionary<string, IReadOnlyList<T>>>());

    private SnapshotCell<IReadOnlyList<T>> AloneCell(string region, string vpcId) =>
        _alone.GetOrAdd((region, vpcId), _ => new SnapshotCell<IReadOnlyList<T>>());
}
