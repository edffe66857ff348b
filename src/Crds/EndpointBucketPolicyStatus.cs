using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class EndpointBucketPolicyStatus : IResourceStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    /// <summary>The Sid of the statement this object last wrote or found in place.</summary>
    [JsonPropertyName("statementSid")] public string? StatementSid { get; set; }
    /// <summary>Every Sid this object may hold in the bucket policy: each is recorded here before the write that puts it
    /// there and leaves once a write or a read shows it gone, so a crash between a write and the status write never
    /// leaves the object's own statement unclaimed.</summary>
    [JsonPropertyName("ownedStatementSids")] public List<string> OwnedStatementSids { get; set; } = new();
    /// <summary>The AWS account the object acts in.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("endpointIds")] public List<string> EndpointIds { get; set; } = new();
    [JsonPropertyName("bucketRegion")] public string? BucketRegion { get; set; }
    [JsonPropertyName("lastSyncTime")] public DateTimeOffset? LastSyncTime { get; set; }
    [JsonPropertyName("drift")] public List<DriftEntry> Drift { get; set; } = new();
    [JsonPropertyName("conditions")] public List<Condition> Conditions { get; set; } = new();

    /// <summary>A new status holding this one's values, its lists the same instances (a status builder replaces a list, never
    /// changes one it did not make): no list allocated only to be replaced, and every property copied, a new one too.</summary>
    public EndpointBucketPolicyStatus SharingValues() => (EndpointBucketPolicyStatus)MemberwiseClone();
}
