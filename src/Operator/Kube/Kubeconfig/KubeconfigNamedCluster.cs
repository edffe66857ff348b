using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>One entry of a kubeconfig's clusters.</summary>
[YamlSerializable]
public sealed class KubeconfigNamedCluster
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "cluster")] public KubeconfigCluster? Cluster { get; set; }
}
