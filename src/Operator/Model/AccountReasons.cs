namespace Vpce.Operator.Model;

/// <summary>Why an object may not act in the account it names (Synced=False, nothing called in that account), and the
/// AwsAccount's own Ready reasons.</summary>
public static class AccountReasons
{
    public const string AccountNotFound = "AccountNotFound";
    public const string AccountNotAllowed = "AccountNotAllowed";
    public const string RegionNotAllowed = "RegionNotAllowed";
    public const string VpcNotAllowed = "VpcNotAllowed";
    public const string BucketNotAllowed = "BucketNotAllowed";
    public const string AssumeRoleFailed = "AssumeRoleFailed";

    public const string RoleAssumed = "RoleAssumed";
    public const string AccountMismatch = "AccountMismatch";
    /// <summary>The AwsAccount's deletion waits for the objects that name it (a Warning event lists them).</summary>
    public const string StillNamed = "StillNamed";
}
