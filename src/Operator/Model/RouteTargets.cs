namespace Vpce.Operator.Model;

/// <summary>What kind of thing a route target is, by its id's prefix, in the console's words.</summary>
public static class RouteTargets
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["igw"] = "internet gateway",
        ["nat"] = "NAT gateway",
        ["vgw"] = "virtual private gateway",
        ["tgw"] = "transit gateway",
        ["pcx"] = "peering connection",
        ["eni"] = "network interface",
        ["i"] = "instance",
        ["vpce"] = "endpoint",
        ["lgw"] = "local gateway",
        ["cagw"] = "carrier gateway",
        ["eigw"] = "egress-only internet gateway",
    };

    public static string Kind(string targetId)
    {
        var dash = targetId.IndexOf('-');
        return dash > 0 && Kinds.TryGetValue(targetId[..dash], out var kind) ? kind : "target";
    }
}
