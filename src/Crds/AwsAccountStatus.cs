using System.Text.Json.Serialization;

namespace Vpce.Crds;

public sealed class AwsAccountStatus : IResourceStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }
    /// <summary>The account GetCallerIdentity answered with the account's credentials.</summary>
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("assumedArn")] public string? AssumedArn { get; set; }
    [JsonPropertyName("credentialsExpireAt")] public DateTimeOffset? CredentialsExpireAt { get; set; }
    /// <summary>How many VpcEndpoints and EndpointBucketPolicies name this account now.</summary>
    [JsonPropertyName("objects")] public int Objects { get; set; }
    [JsonPropertyName("lastSyncTime")] public DateTimeOffset? LastSyncTime { get; set; }
    [JsonPropertyName("drift")] public List<DriftEntry> Drift { get; set; } = new();
    [JsonPropertyName("conditions")] public List<Condition> Conditions { get; set; } = new();

    /// <summary>A new status holding this one's values, its lists the same instances (a status builder replaces a list, never
    /// changes one it did not make).</summary>
    public AwsAccountStatus SharingValues() => (AwsAccountStatus)MemberwiseClone();
}
