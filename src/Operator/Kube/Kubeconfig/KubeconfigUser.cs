using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>A user's credentials: client certificate, token, basic auth, impersonation, an auth provider or an exec plugin.</summary>
[YamlSerializable]
public sealed class KubeconfigUser
{
    [YamlMember(Alias = "client-certificate")] public string? ClientCertificate { get; set; }
    [YamlMember(Alias = "client-certificate-data")] public string? ClientCertificateData { get; set; }
    [YamlMember(Alias = "client-key")] public string? ClientKey { get; set; }
    [YamlMember(Alias = "client-key-data")] public string? ClientKeyData { get; set; }
    [YamlMember(Alias = "token")] public string? Token { get; set; }
    [YamlMember(Alias = "as")] public string? Impersonate { get; set; }
    [YamlMember(Alias = "as-groups")] public List<string>? ImpersonateGroups { get; set; }
    [YamlMember(Alias = "as-user-extra")] public Dictionary<string, string>? ImpersonateUserExtra { get; set; }
    [YamlMember(Alias = "username")] public string? Username { get; set; }
    [YamlMember(Alias = "password")] public string? Password { get; set; }
    [YamlMember(Alias = "auth-provider")] public KubeconfigAuthProvider? AuthProvider { get; set; }
    [YamlMember(Alias = "exec")] public KubeconfigExec? Exec { get; set; }
}
