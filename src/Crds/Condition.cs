using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>A standard Kubernetes condition (metav1.Condition shape).</summary>
[ListMapKeys("type")]
public sealed class Condition
{
    [JsonPropertyName("type")] [Required] public string Type { get; set; } = "";
    [JsonPropertyName("status")] [Required, EnumValues(ConditionStatus.True, ConditionStatus.False, ConditionStatus.Unknown)]
    public string Status { get; set; } = ConditionStatus.Unknown;
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset LastTransitionTime { get; set; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
}
