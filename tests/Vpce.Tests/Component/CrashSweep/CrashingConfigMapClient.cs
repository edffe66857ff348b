using Vpce.Ports.Kube;

namespace Vpce.Tests.Component.CrashSweep;

public sealed class CrashingConfigMapClient(IConfigMapClient inner, CrashSwitch crash) : IConfigMapClient
{
    public Task<KubeConfigMap?> GetAsync(string @namespace, string name, CancellationToken ct) => crash.WhileAliveAsync(() => inner.GetAsync(@namespace, name, ct));

    public Task<KubeConfigMap> CreateAsync(KubeConfigMap configMap, CancellationToken ct) =>
        crash.MutateAsync($"create ConfigMap {configMap.Name}", () => inner.CreateAsync(configMap, ct));

    public Task<KubeConfigMap> ReplaceDataAsync(KubeConfigMap current, IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        crash.MutateAsync($"replace ConfigMap {current.Name}", () => inner.ReplaceDataAsync(current, data, ct));

    public Task<bool> DeleteAsync(string @namespace, string name, string uid, CancellationToken ct) =>
        crash.MutateAsync($"delete ConfigMap {name}", () => inner.DeleteAsync(@namespace, name, uid, ct));
}
