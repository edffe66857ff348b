using System.Collections.Concurrent;
using Vpce.Crds;

namespace Vpce.Operator.Runtime;

/// <summary>The informer's thread-safe store of the last seen version of every object, by key.
/// Callers get the stored instances: copy before changing one (<see cref="ResourceCopy"/>).</summary>
public sealed class ResourceCache<T> where T : class, ICustomResource, new()
{
    private readonly ConcurrentDictionary<ResourceKey, T> _items = new();

    public int Count => _items.Count;

    public T? Get(ResourceKey key) => _items.GetValueOrDefault(key);

    public IReadOnlyList<T> List() => _items.Values.ToList();

    public IReadOnlyList<ResourceKey> Keys() => _items.Keys.ToList();

    /// <summary>Stores the object; returns the version it replaced, if any.</summary>
    internal T? Put(T resource)
    {
        var key = ResourceKey.Of(resource);
        T? previous = null;
        _items.AddOrUpdate(key, resource, (_, old) => { previous = old; return resource; });
        return previous;
    }

    internal T? Remove(ResourceKey key) => _items.TryRemove(key, out var removed) ? removed : null;
}
