using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec of a CustomResourceDefinition.</summary>
[YamlSerializable]
public sealed class CrdSpec
{
    [YamlMember(Alias = "group")] public required string Group { get; set; }
    [YamlMember(Alias = "names")] public required CrdNames Names { get; set; }
    [YamlMember(Alias = "scope")] public required string Scope { get; set; }
    [YamlMember(Alias = "versions")] public required List<CrdVersion> Versions { get; set; }
}
