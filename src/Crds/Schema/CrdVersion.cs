using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One entry of spec.versions of a CRD.</summary>
public sealed class CrdVersion
{
    [YamlMember(Alias = "name")] public required string Name { get; init; }
    [YamlMember(Alias = "served")] public bool Served { get; init; }
    [YamlMember(Alias = "storage")] public bool Storage { get; init; }
    [YamlMember(Alias = "subresources")] public required CrdSubresources Subresources { get; init; }
    [YamlMember(Alias = "additionalPrinterColumns")] public required List<CrdPrinterColumn> AdditionalPrinterColumns { get; init; }
    [YamlMember(Alias = "schema")] public required CrdVersionSchema Schema { get; init; }
}
