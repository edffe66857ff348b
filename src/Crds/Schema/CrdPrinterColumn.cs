using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One additionalPrinterColumns entry of a CRD version.</summary>
[YamlSerializable]
public sealed class CrdPrinterColumn
{
    [YamlMember(Alias = "name")] public required string Name { get; set; }
    [YamlMember(Alias = "type")] public required string Type { get; set; }
    [YamlMember(Alias = "jsonPath")] public required string JsonPath { get; set; }
    [YamlMember(Alias = "priority")] public int? Priority { get; set; }
}
