namespace Vpce.Operator.Model;

/// <summary>Reasons of the Ready and Synced conditions that the controllers set.</summary>
public static class ReadyReasons
{
    public const string Available = "Available";
    public const string Pending = "Pending";
    public const string PendingAcceptance = "PendingAcceptance";
    public const string Rejected = "Rejected";
    public const string Failed = "Failed";
    public const string Deleting = "Deleting";
    public const string Expired = "Expired";
    public const string NotCreated = "NotCreated";
    public const string EndpointDeleted = "EndpointDeleted";
    public const string DriftReported = "DriftReported";
    public const string Reconciling = "Reconciling";
    public const string StatementInPlace = "StatementInPlace";

    public const string Synced = "Synced";
    public const string InvalidSpec = "InvalidSpec";
    public const string ImmutableFieldChanged = "ImmutableFieldChanged";
    public const string AdoptionConflict = "AdoptionConflict";
    /// <summary>The endpoint service's owner (DescribeVpcEndpointServices) is not one the object's account admits
    /// (AwsAccount.spec.endpointServiceOwners; default amazon and the account itself): no PrivateLink path out of it.</summary>
    public const string ServiceOwnerNotAllowed = "ServiceOwnerNotAllowed";
    public const string Throttled = "Throttled";
    public const string AccessDenied = "AccessDenied";
    public const string AwsUnavailable = "AwsUnavailable";
    public const string NotFound = "NotFound";
    public const string DeleteFailed = "DeleteFailed";

    public const string NoDrift = "NoDrift";
    public const string DriftCorrected = "DriftCorrected";
}
