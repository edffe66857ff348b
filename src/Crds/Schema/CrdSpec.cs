using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec of a CustomResourceDefinition.</summary>
public sealed class CrdSpec
{
    [YamlMember(Alias = "group")] public required string Group { get; init; }
    [YamlMember(Alias = "names")] public required CrdNames Names { get; init; }
    [YamlMember(Alias = "scope")] public required string Scope { get; init; }
    [YamlMember(Alias = "versions")] public required List<CrdVersion> Versions { get; init; }
}
