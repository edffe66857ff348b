using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>metadata of a CustomResourceDefinition.</summary>
[YamlSerializable]
public sealed class CrdMetadata
{
    [YamlMember(Alias = "name")] public required string Name { get; set; }
    [YamlMember(Alias = "labels")] public required SortedDictionary<string, string> Labels { get; set; }
}
