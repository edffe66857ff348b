using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>The subset of Kubernetes ObjectMeta the operator reads and writes.</summary>
public sealed class ObjectMetadata
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("uid")] public string? Uid { get; set; }
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; set; }
    [JsonPropertyName("generation")] public long? Generation { get; set; }
    [JsonPropertyName("creationTimestamp")] public DateTimeOffset? CreationTimestamp { get; set; }
    [JsonPropertyName("deletionTimestamp")] public DateTimeOffset? DeletionTimestamp { get; set; }
    [JsonPropertyName("finalizers")] public List<string>? Finalizers { get; set; }
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}
