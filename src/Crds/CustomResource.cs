using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>A namespaced custom resource of group vpce.io with a spec and a status subresource.</summary>
public abstract class CustomResource<TSpec, TStatus> : ICustomResource<TStatus>
    where TSpec : new()
    where TStatus : class, IResourceStatus, new()
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = CrdGroup.ApiVersion;
    [JsonPropertyName("kind")] public abstract string Kind { get; set; }
    [JsonPropertyName("metadata")] public ObjectMetadata Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public TSpec Spec { get; set; } = new();
    [JsonPropertyName("status")] public TStatus? Status { get; set; }

    [JsonIgnore] IResourceStatus? ICustomResource.Status => Status;

    /// <summary>A new object holding this one's values (metadata, spec and status the same instances), without the new
    /// metadata and spec a constructor would make only for them to be replaced.</summary>
    public ICustomResource SharingValues() => (ICustomResource)MemberwiseClone();
}
