using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>spec.versions[].subresources: the status subresource, an empty object when enabled.</summary>
[YamlSerializable]
public sealed class CrdSubresources
{
    [YamlMember(Alias = "status")] public Dictionary<string, object> Status { get; set; } = new();
}
