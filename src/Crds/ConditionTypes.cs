namespace Vpce.Crds;

/// <summary>Condition types of API.md.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Synced = "Synced";
    public const string Drifted = "Drifted";
    public const string DnsSupported = "DnsSupported";
    public const string HttpsAllowed = "HttpsAllowed";
    public const string NetworkAclAllows = "NetworkAclAllows";
    public const string RoutesCovered = "RoutesCovered";
    /// <summary>On a member of a companion set (Session Manager, ECR image pulls): the other members exist in the VPC.</summary>
    public const string CompanionsPresent = "CompanionsPresent";
    /// <summary>spec.policyDocument has no lint finding. Advisory: findings never block the apply.</summary>
    public const string PolicyLint = "PolicyLint";
    /// <summary>spec.export: the client-hints ConfigMap is written.</summary>
    public const string Exported = "Exported";
}
