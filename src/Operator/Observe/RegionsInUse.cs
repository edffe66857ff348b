namespace Vpce.Operator.Observe;

/// <summary>
/// Which objects use which AWS region, so that what the operator keeps per region (SDK clients, resilience pipelines,
/// token buckets) lives only while an object uses it. A spec may name any region of the right shape, real or not:
/// without this, every region ever named would be kept until the process ends.
/// </summary>
/// <remarks>
/// An object calls <see cref="Use"/> once its region is known and before it calls AWS there, and <see cref="Release"/>
/// when it is forgotten. <see cref="RegionUnused"/> runs under the same lock as both, so a Use that races a region's
/// eviction comes wholly before it (and the region stays) or wholly after (and what it needs is built anew).
/// </remarks>
public sealed class RegionsInUse
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _regionOfObject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _objectsInRegion = new(StringComparer.Ordinal);

    /// <summary>A region's last object left. Handlers drop what they keep for it, quickly, and do not call back here.</summary>
    public event Action<string>? RegionUnused;

    /// <summary>The key <see cref="Use"/> and <see cref="Release"/> take: "kind/namespace/name".</summary>
    public static string KeyOf(string kind, string? @namespace, string name) => $"{kind}/{@namespace}/{name}";

    /// <summary>The regions some object uses now.</summary>
    public IReadOnlyCollection<string> Regions
    {
        get
        {
            lock (_gate)
            {
                return _objectsInRegion.Keys.ToList();
            }
        }
    }

    /// <summary><see cref="Use(string, string)"/> for the object <see cref="KeyOf"/> names; its key is made only when it
    /// is not already using this region (every reconcile asks).</summary>
    public void Use(string kind, string? @namespace, string name, string region)
    {
        Span<char> key = stackalloc char[kind.Length + (@namespace?.Length ?? 0) + name.Length + 2];
        kind.CopyTo(key);
        key[kind.Length] = '/';
        @namespace?.CopyTo(key[(kind.Length + 1)..]);
        key[^(name.Length + 1)] = '/';
        name.CopyTo(key[^name.Length..]);
        lock (_gate)
        {
            if (_regionOfObject.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var current) && current == region)
            {
                return;
            }
        }
        Use(key.ToString(), region);
    }

    /// <summary>The object uses this region (and no longer the one it used before, if another).</summary>
    public void Use(string objectKey, string region)
    {
        lock (_gate)
        {
            if (_regionOfObject.TryGetValue(objectKey, out var previous))
            {
                if (previous == region)
                {
                    return;
                }
                Leave(previous);
            }
            _regionOfObject[objectKey] = region;
            _objectsInRegion[region] = _objectsInRegion.GetValueOrDefault(region) + 1;
        }
    }

    /// <summary>The object uses no region any more; a no-op for an object that used none.</summary>
    public void Release(string objectKey)
    {
        lock (_gate)
        {
            if (_regionOfObject.Remove(objectKey, out var region))
            {
                Leave(region);
            }
        }
    }

    private void Leave(string region)
    {
        var remaining = _objectsInRegion[region] - 1;
        if (remaining > 0)
        {
            _objectsInRegion[region] = remaining;
            return;
        }
        _objectsInRegion.Remove(region);
        RegionUnused?.Invoke(region);
    }
}
