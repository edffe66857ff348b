using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>How to reach one cluster's API server.</summary>
[YamlSerializable]
public sealed class KubeconfigCluster
{
    [YamlMember(Alias = "server")] public string? Server { get; set; }
    [YamlMember(Alias = "certificate-authority")] public string? CertificateAuthority { get; set; }
    [YamlMember(Alias = "certificate-authority-data")] public string? CertificateAuthorityData { get; set; }
    [YamlMember(Alias = "tls-server-name")] public string? TlsServerName { get; set; }
    [YamlMember(Alias = "insecure-skip-tls-verify")] public bool InsecureSkipTlsVerify { get; set; }
}
