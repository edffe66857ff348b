using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>An exec credential plugin (aws eks get-token, kubelogin): the command the client runs for a token.</summary>
[YamlSerializable]
public sealed class KubeconfigExec
{
    [YamlMember(Alias = "apiVersion")] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "command")] public string? Command { get; set; }
    [YamlMember(Alias = "args")] public List<string>? Args { get; set; }
    [YamlMember(Alias = "env")] public List<Dictionary<string, string>>? Env { get; set; }
    [YamlMember(Alias = "installHint")] public string? InstallHint { get; set; }
    [YamlMember(Alias = "provideClusterInfo")] public bool ProvideClusterInfo { get; set; }
}
