namespace Vpce.Ports.Aws;

/// <summary>VPC endpoint states, lower case as DescribeVpcEndpoints reports them.</summary>
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

    /// <summary>AWS spells some states in camel case (pendingAcceptance); compare them folded.</summary>
    public static string Normalize(string state) => state.ToLowerInvariant();
}
