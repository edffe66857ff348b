namespace Vpce.Operator.Status;

/// <summary>What one reconcile of an AwsAccount found: who its credentials act as, until when, and how many objects name it.</summary>
public sealed record AccountSyncResult : SyncResult
{
    public string? AssumedArn { get; init; }
    public DateTimeOffset? CredentialsExpireAt { get; init; }
    public int? Objects { get; init; }
}
