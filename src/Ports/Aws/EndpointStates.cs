namespace Vpce.Ports.Aws;

/// <summary>VPC endpoint states, lower case. AWS spells some in camel case (pendingAcceptance); every adapter of the port,
/// the simulator included, folds them, so the core compares them as they are.</summary>
public static class EndpointStates
{
    public const string Pending = "pending";
    public const string Available = "available";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string PendingAcceptance = "pendingacceptance";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Expired = "expired";
}
