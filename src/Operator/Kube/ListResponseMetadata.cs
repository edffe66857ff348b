using System.Text.Json.Serialization;

namespace Vpce.Operator.Kube;

/// <summary>A list's metadata: the snapshot's resourceVersion, and the token that asks for the next page (none on the last).</summary>
internal sealed class ListResponseMetadata
{
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")] public string? Continue { get; set; }
}
