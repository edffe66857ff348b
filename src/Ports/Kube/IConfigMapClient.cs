namespace Vpce.Ports.Kube;

/// <summary>The ConfigMaps the operator writes for clients (spec.export): get, create, patch and delete by name, no list or
/// watch. Writes are guarded, so a ConfigMap someone else took over in between is never overwritten or deleted: each throws
/// <see cref="ConflictException"/> (HTTP 409) instead. Other refusals are <see cref="KubeApiException"/>; an API server that cannot be reached is <see cref="KubeUnavailableException"/>.</summary>
public interface IConfigMapClient
{
    /// <summary>The ConfigMap, or null when there is none.</summary>
    Task<KubeConfigMap?> GetAsync(string @namespace, string name, CancellationToken ct);

    /// <summary>Creates it with its data and controller; <see cref="ConflictException"/> when one of that name exists.</summary>
    Task<KubeConfigMap> CreateAsync(KubeConfigMap configMap, CancellationToken ct);

    /// <summary>Makes the data of <paramref name="current"/> exactly <paramref name="data"/>, guarded by its resourceVersion
    /// (<see cref="ConflictException"/> when it changed since it was read).</summary>
    Task<KubeConfigMap> ReplaceDataAsync(KubeConfigMap current, IReadOnlyDictionary<string, string> data, CancellationToken ct);

    /// <summary>Deletes the ConfigMap with this uid (<see cref="ConflictException"/> when the name now holds another one);
    /// false when there is none.</summary>
    Task<bool> DeleteAsync(string @namespace, string name, string uid, CancellationToken ct);
}
