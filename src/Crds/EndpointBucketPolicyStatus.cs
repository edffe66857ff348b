using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class EndpointBucketPolicyStatus : IResourceStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    [JsonPropertyName("statementSid")] public string? StatementSid { get; set; }
    [JsonPropertyName("endpointIds")] public List<string> EndpointIds { get; set; } = new();
    [JsonPropertyName("bucketRegion")] public string? BucketRegion { get; set; }
    [JsonPropertyName("lastSyncTime")] public DateTimeOffset? LastSyncTime { get; set; }
    [JsonPropertyName("drift")] public List<DriftEntry> Drift { get; set; } = new();
    [JsonPropertyName("conditions")] public List<Condition> Conditions { get; set; } = new();
}
