using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>The CRD documents' YAML contracts, generated at build time (the types marked [YamlSerializable] in this
/// folder), so the `crds` verb writes the same bytes in the native image, which has no reflection over them. The generated
/// contracts assign every property through its setter, so the model's properties are `set`, not `init`.</summary>
[YamlStaticContext]
public partial class CrdYamlContext : StaticContext;
