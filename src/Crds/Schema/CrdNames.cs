using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec.names of a CRD.</summary>
public sealed class CrdNames
{
    [YamlMember(Alias = "kind")] public required string Kind { get; init; }
    [YamlMember(Alias = "listKind")] public required string ListKind { get; init; }
    [YamlMember(Alias = "plural")] public required string Plural { get; init; }
    [YamlMember(Alias = "singular")] public required string Singular { get; init; }
    [YamlMember(Alias = "shortNames")] public required List<string> ShortNames { get; init; }
    [YamlMember(Alias = "categories")] public required List<string> Categories { get; init; }
}
