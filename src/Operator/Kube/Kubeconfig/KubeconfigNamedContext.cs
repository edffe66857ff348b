using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>One entry of a kubeconfig's contexts.</summary>
[YamlSerializable]
public sealed class KubeconfigNamedContext
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "context")] public KubeconfigContext? Context { get; set; }
}
