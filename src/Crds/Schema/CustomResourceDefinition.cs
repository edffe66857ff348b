using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>An apiextensions.k8s.io/v1 CustomResourceDefinition, as the generator emits it.</summary>
public sealed class CustomResourceDefinition
{
    [YamlMember(Alias = "apiVersion")] public string ApiVersion { get; init; } = "apiextensions.k8s.io/v1";
    [YamlMember(Alias = "kind")] public string Kind { get; init; } = "CustomResourceDefinition";
    [YamlMember(Alias = "metadata")] public required CrdMetadata Metadata { get; init; }
    [YamlMember(Alias = "spec")] public required CrdSpec Spec { get; init; }
}
