using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>metadata of a CustomResourceDefinition.</summary>
public sealed class CrdMetadata
{
    [YamlMember(Alias = "name")] public required string Name { get; init; }
    [YamlMember(Alias = "labels")] public required SortedDictionary<string, string> Labels { get; init; }
}
