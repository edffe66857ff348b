using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One entry of spec.versions of a CRD.</summary>
[YamlSerializable]
public sealed class CrdVersion
{
    [YamlMember(Alias = "name")] public required string Name { get; set; }
    [YamlMember(Alias = "served")] public bool Served { get; set; }
    [YamlMember(Alias = "storage")] public bool Storage { get; set; }
    [YamlMember(Alias = "subresources")] public required CrdSubresources Subresources { get; set; }
    [YamlMember(Alias = "additionalPrinterColumns")] public required List<CrdPrinterColumn> AdditionalPrinterColumns { get; set; }
    [YamlMember(Alias = "schema")] public required CrdVersionSchema Schema { get; set; }
}
