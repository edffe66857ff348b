using System.Text.Json.Serialization;

namespace Vpce.Crds;

/// <summary>A standard Kubernetes condition (metav1.Condition shape).</summary>
public sealed class Condition
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("status")] public string Status { get; set; } = ConditionStatus.Unknown;
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset LastTransitionTime { get; set; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
}
