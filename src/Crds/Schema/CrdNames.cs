using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec.names of a CRD.</summary>
[YamlSerializable]
public sealed class CrdNames
{
    [YamlMember(Alias = "kind")] public required string Kind { get; set; }
    [YamlMember(Alias = "listKind")] public required string ListKind { get; set; }
    [YamlMember(Alias = "plural")] public required string Plural { get; set; }
    [YamlMember(Alias = "singular")] public required string Singular { get; set; }
    [YamlMember(Alias = "shortNames")] public required List<string> ShortNames { get; set; }
    [YamlMember(Alias = "categories")] public required List<string> Categories { get; set; }
}
