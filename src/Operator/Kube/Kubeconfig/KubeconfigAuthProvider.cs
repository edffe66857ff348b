using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>An authentication plugin by name with its settings.</summary>
[YamlSerializable]
public sealed class KubeconfigAuthProvider
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "config")] public Dictionary<string, string>? Config { get; set; }
}
