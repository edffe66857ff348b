using System.Collections.Concurrent;
using Vpce.Crds;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Status;

/// <summary>The status writes of this process that the informer's cache may not show yet (read your own writes). The watch
/// brings a write back some milliseconds after its PATCH returned; a reconcile queued meanwhile (by the finalizer the first
/// one added, say) would start from the older copy and take its status for the previous one, so every check that turned
/// False would warn again. So the object each status write stored is kept until the cache holds that version or a newer
/// one, and until then a reconcile starts from it. An entry goes as soon as the cache holds that version (<see cref="Cached"/>,
/// from the informer), or with its object: there is at most one per object present, and none once the watch has caught up,
/// so a burst of status writes is not kept until each object's next reconcile.</summary>
public sealed class OwnStatusWrites<T> where T : class, ICustomResource, new()
{
    private readonly ConcurrentDictionary<ResourceKey, Written> _writes = new();

    public int Count => _writes.Count;

    /// <summary>A status write from the version <paramref name="patchedFrom"/> stored <paramref name="stored"/>: the PATCH's
    /// answer, which no one else holds, kept as it is (a reconcile that starts from it gets a copy).</summary>
    public void Record(string? patchedFrom, T stored) => _writes[ResourceKey.Of(stored)] = new(patchedFrom, stored);

    /// <summary>What to reconcile: <paramref name="cached"/> when the cache has caught up with this process's last status
    /// write of the object (or there was none), else a copy of what that write stored, which is newer.</summary>
    public T Newest(T cached)
    {
        if (_writes.TryGetValue(ResourceKey.Of(cached), out var written) && IsBehind(cached.Metadata, written))
        {
            return ResourceCopy.Of(written.Stored);
        }
        // Caught up (or never written): the entry, if any, goes as when the informer reports the version.
        Cached(cached);
        return cached;
    }

    /// <summary>The cache now holds <paramref name="cached"/>: the write it catches up with is no longer needed.</summary>
    public void Cached(T cached)
    {
        var key = ResourceKey.Of(cached);
        if (_writes.TryGetValue(key, out var written) && !IsBehind(cached.Metadata, written))
        {
            // Only this entry: a write recorded meanwhile is newer and stays.
            _writes.TryRemove(new KeyValuePair<ResourceKey, Written>(key, written));
        }
    }

    public void Forget(ResourceKey key) => _writes.TryRemove(key, out _);

    private static bool IsBehind(ObjectMetadata cached, Written written)
    {
        var stored = written.Stored.Metadata;
        if (cached.Uid != stored.Uid)
        {
            // Deleted and made again under the same name: the write was to another object.
            return false;
        }
        return ResourceVersions.Compare(cached.ResourceVersion, stored.ResourceVersion) is { } order
            ? order < 0
            // Opaque versions: only the one the write patched from is known to be older.
            : cached.ResourceVersion == written.PatchedFrom && cached.ResourceVersion != stored.ResourceVersion;
    }

    private sealed record Written(string? PatchedFrom, T Stored);
}
