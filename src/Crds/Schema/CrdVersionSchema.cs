using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec.versions[].schema: the wrapper around the OpenAPI v3 schema.</summary>
[YamlSerializable]
public sealed class CrdVersionSchema
{
    [YamlMember(Alias = "openAPIV3Schema")] public required JsonSchema OpenApiV3Schema { get; set; }
}
