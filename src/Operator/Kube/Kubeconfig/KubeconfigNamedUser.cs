using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>One entry of a kubeconfig's users.</summary>
[YamlSerializable]
public sealed class KubeconfigNamedUser
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "user")] public KubeconfigUser? User { get; set; }
}
