namespace Vpce.Operator.Model;

/// <summary>Reasons of the Drifted condition, one per kind of difference.</summary>
public static class DriftReasons
{
    public const string RouteTablesChanged = "RouteTablesChanged";
    public const string RoutesMissing = "RoutesMissing";
    public const string SubnetsChanged = "SubnetsChanged";
    public const string SecurityGroupsChanged = "SecurityGroupsChanged";
    public const string PrivateDnsChanged = "PrivateDnsChanged";
    public const string PolicyChanged = "PolicyChanged";
    public const string TagsChanged = "TagsChanged";
    public const string EndpointDeleted = "EndpointDeleted";
    public const string StatementChanged = "StatementChanged";
    public const string StatementRemoved = "StatementRemoved";
}
