using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>ConfigMaps of an in-memory API server, as kube-apiserver treats them where the operator can see it: a uid and a
/// resourceVersion from the shared revision clock, 409 on creating a name that exists, on a data patch whose resourceVersion
/// moved on and on a delete whose uid precondition names another ConfigMap; the garbage collector deletes those whose
/// controller is gone (<see cref="CollectOwnedBy"/>). <see cref="Put"/> is a user's kubectl apply. While
/// <paramref name="outage"/> is on, every call of the port fails as a refused connection does.</summary>
public sealed class InMemoryConfigMaps(InMemoryRevisionClock clock, InMemoryOutage? outage = null) : IConfigMapClient
{
    private readonly InMemoryOutage _outage = outage ?? new InMemoryOutage();

    private readonly object _gate = new();
    private readonly Dictionary<(string Namespace, string Name), KubeConfigMap> _maps = new();

    public Task<KubeConfigMap?> GetAsync(string @namespace, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"get configmap {@namespace}/{name}");
        return Task.FromResult(Get(@namespace, name));
    }

    public Task<KubeConfigMap> CreateAsync(KubeConfigMap configMap, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"create configmap {configMap.Namespace}/{configMap.Name}");
        lock (_gate)
        {
            if (_maps.ContainsKey((configMap.Namespace, configMap.Name)))
                throw new ConflictException($"configmaps \"{configMap.Name}\" already exists");
            return Task.FromResult(Store(configMap with { Uid = Guid.NewGuid().ToString() }));
        }
    }

    public Task<KubeConfigMap> ReplaceDataAsync(KubeConfigMap current, IReadOnlyDictionary<string, string> data, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"patch configmap {current.Namespace}/{current.Name}");
        lock (_gate)
        {
            if (!_maps.TryGetValue((current.Namespace, current.Name), out var stored))
                throw new KubeApiException(404, $"configmaps \"{current.Name}\" not found");
            if (stored.ResourceVersion != current.ResourceVersion)
                throw new ConflictException($"Operation cannot be fulfilled on configmaps \"{current.Name}\": the object has been modified");
            return Task.FromResult(Store(stored with { Data = Copy(data) }));
        }
    }

    public Task<bool> DeleteAsync(string @namespace, string name, string uid, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _outage.ThrowIfOngoing($"delete configmap {@namespace}/{name}");
        lock (_gate)
        {
            if (!_maps.TryGetValue((@namespace, name), out var stored))
                return Task.FromResult(false);
            if (stored.Uid != uid)
                throw new ConflictException($"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Uid}");
            _maps.Remove((@namespace, name));
            return Task.FromResult(true);
        }
    }

    /// <summary>Drops every ConfigMap (<see cref="InMemoryKube.Discard"/>).</summary>
    public void Discard()
    {
        lock (_gate)
        {
            _maps.Clear();
            _maps.TrimExcess();
        }
    }

    /// <summary>A copy of the ConfigMap, or null.</summary>
    public KubeConfigMap? Get(string @namespace, string name)
    {
        lock (_gate) return _maps.TryGetValue((@namespace, name), out var found) ? found with { Data = Copy(found.Data) } : null;
    }

    /// <summary>Every ConfigMap.</summary>
    public IReadOnlyList<KubeConfigMap> List()
    {
        lock (_gate) return _maps.Values.Select(m => m with { Data = Copy(m.Data) }).ToList();
    }

    /// <summary>Like <c>kubectl apply</c> of a ConfigMap: creates it or replaces its data and controller (a user's own, or a
    /// change made behind the operator's back).</summary>
    public KubeConfigMap Put(KubeConfigMap configMap)
    {
        lock (_gate)
        {
            var uid = _maps.TryGetValue((configMap.Namespace, configMap.Name), out var stored) ? stored.Uid : Guid.NewGuid().ToString();
            return Store(configMap with { Uid = uid, Data = Copy(configMap.Data) });
        }
    }

    /// <summary>The garbage collector: deletes the ConfigMaps whose controller has this uid.</summary>
    public void CollectOwnedBy(string ownerUid)
    {
        lock (_gate)
        {
            foreach (var key in _maps.Where(p => p.Value.Controller?.Uid == ownerUid).Select(p => p.Key).ToList())
                _maps.Remove(key);
        }
    }

    private KubeConfigMap Store(KubeConfigMap configMap)
    {
        var stored = configMap with { Data = Copy(configMap.Data), ResourceVersion = clock.Next().ToString() };
        _maps[(stored.Namespace, stored.Name)] = stored;
        return stored with { Data = Copy(stored.Data) };
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string> data) => data.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
