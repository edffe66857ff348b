using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>A kubeconfig file as kubectl writes it (client-go's clientcmd/api/v1 Config), the fields a client connection
/// reads. Preferences and extensions are left out: nothing the operator does reads them, and their free-form values have
/// no type a contract generated at build time could name.</summary>
[YamlSerializable]
public sealed class KubeconfigDocument
{
    [YamlMember(Alias = "apiVersion")] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "kind")] public string? Kind { get; set; }
    [YamlMember(Alias = "current-context")] public string? CurrentContext { get; set; }
    [YamlMember(Alias = "clusters")] public List<KubeconfigNamedCluster>? Clusters { get; set; }
    [YamlMember(Alias = "contexts")] public List<KubeconfigNamedContext>? Contexts { get; set; }
    [YamlMember(Alias = "users")] public List<KubeconfigNamedUser>? Users { get; set; }
}
