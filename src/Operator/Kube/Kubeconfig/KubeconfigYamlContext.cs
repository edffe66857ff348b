using YamlDotNet.Serialization;

namespace Vpce.Operator.Kube.Kubeconfig;

/// <summary>The kubeconfig document's YAML contracts, generated at build time (the types marked [YamlSerializable] here),
/// so reading a kubeconfig needs no reflection and works in the native image.</summary>
[YamlStaticContext]
public partial class KubeconfigYamlContext : StaticContext;
