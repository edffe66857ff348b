using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One additionalPrinterColumns entry of a CRD version.</summary>
public sealed class CrdPrinterColumn
{
    [YamlMember(Alias = "name")] public required string Name { get; init; }
    [YamlMember(Alias = "type")] public required string Type { get; init; }
    [YamlMember(Alias = "jsonPath")] public required string JsonPath { get; init; }
    [YamlMember(Alias = "priority")] public int? Priority { get; init; }
}
