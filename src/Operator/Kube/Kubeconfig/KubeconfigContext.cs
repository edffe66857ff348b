using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>A cluster, a user and a default namespace, by name.</summary>
[YamlSerializable]
public sealed class KubeconfigContext
{
    [YamlMember(Alias = "cluster")] public string? Cluster { get; set; }
    [YamlMember(Alias = "user")] public string? User { get; set; }
    [YamlMember(Alias = "namespace")] public string? Namespace { get; set; }
}
