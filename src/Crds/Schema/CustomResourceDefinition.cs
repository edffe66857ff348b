using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>An apiextensions.k8s.io/v1 CustomResourceDefinition, as the generator emits it.</summary>
[YamlSerializable]
public sealed class CustomResourceDefinition
{
    [YamlMember(Alias = "apiVersion")] public string ApiVersion { get; set; } = "apiextensions.k8s.io/v1";
    [YamlMember(Alias = "kind")] public string Kind { get; set; } = "CustomResourceDefinition";
    [YamlMember(Alias = "metadata")] public required CrdMetadata Metadata { get; set; }
    [YamlMember(Alias = "spec")] public required CrdSpec Spec { get; set; }
}
