using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>One field where AWS differs from the spec.</summary>
public sealed class DriftEntry
{
    [JsonPropertyName("field")] public string Field { get; set; } = "";
    [JsonPropertyName("desired")] public string Desired { get; set; } = "";
    [JsonPropertyName("actual")] public string Actual { get; set; } = "";
    [JsonPropertyName("detectedAt")] public DateTimeOffset DetectedAt { get; set; }
}
