namespace Vpce.Operator.Model;

/// <summary>Reasons of the PolicyLint condition and of its Warning events.</summary>
public static class PolicyFindingReasons
{
    public const string NoFindings = "NoFindings";
    public const string NoPolicyDocument = "NoPolicyDocument";
    public const string AllowsNothing = "PolicyAllowsNothing";
    public const string BucketInOtherRegion = "BucketInOtherRegion";
    public const string PolicyIgnored = "PolicyIgnoredByService";
    public const string DeniesOperator = "PolicyDeniesOperator";
}
