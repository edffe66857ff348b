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
}
