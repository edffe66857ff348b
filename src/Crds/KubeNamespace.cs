using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>A Kubernetes Namespace as the operator reads it: its name and labels, which an AwsAccount's namespaceSelector
/// matches. Not a custom resource of the operator's (no CRD); watched read-only.</summary>
public sealed class KubeNamespace : ICustomResource, IClusterScoped
{
    public const string KindName = "Namespace";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "v1";
    [JsonPropertyName("kind")] public string Kind { get; set; } = KindName;
    [JsonPropertyName("metadata")] public ObjectMetadata Metadata { get; set; } = new();

    [JsonIgnore] public IResourceStatus? Status => null;

    public ICustomResource SharingValues() => (ICustomResource)MemberwiseClone();
}
