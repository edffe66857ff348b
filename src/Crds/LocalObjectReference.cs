using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class LocalObjectReference
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}
