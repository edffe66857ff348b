using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>Selects AWS resources whose tags include every key/value given.</summary>
public sealed class TagSelector
{
    [JsonPropertyName("tags")] public Dictionary<string, string> Tags { get; set; } = new();
}
