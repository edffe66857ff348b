namespace Vpce.Ports.Kube;

/// <summary>A core/v1 ConfigMap as the operator reads and writes it: its data and its controlling owner. Uid and
/// ResourceVersion are the server's (null on a ConfigMap not written yet).</summary>
public sealed record KubeConfigMap(string Namespace, string Name, IReadOnlyDictionary<string, string> Data, ConfigMapOwner? Controller)
{
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
}
