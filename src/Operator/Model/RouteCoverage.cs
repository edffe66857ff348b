using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Which route tables subnets use and whether those route a gateway service, as AWS decides it: a subnet uses its
/// explicitly associated table, or else the VPC's main table. Pure.</summary>
public static class RouteCoverage
{
    public const string DefaultRouteCidr = "0.0.0.0/0";

    /// <summary>The table the subnet uses: its explicit association, else the VPC's main table; null when the tables read
    /// hold neither.</summary>
    public static AwsRouteTable? TableOf(string subnetId, IReadOnlyList<AwsRouteTable> vpcTables) =>
        vpcTables.FirstOrDefault(t => t.AssociatedSubnetIds.Contains(subnetId)) ?? vpcTables.FirstOrDefault(t => t.IsMain);

    /// <summary>The route tables these subnets use, sorted, each once.</summary>
    public static IReadOnlyList<string> TablesOf(IEnumerable<string> subnetIds, IReadOnlyList<AwsRouteTable> vpcTables) =>
        subnetIds.Select(s => TableOf(s, vpcTables)?.RouteTableId).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each subnet's answer, in the order given: covered when its table has a live route to the prefix list.</summary>
    public static IReadOnlyList<SubnetRouteCoverage> Evaluate(IEnumerable<string> subnetIds, IReadOnlyList<AwsRouteTable> vpcTables, string prefixListId) =>
        subnetIds.Distinct(StringComparer.Ordinal).Select(subnetId =>
        {
            var table = TableOf(subnetId, vpcTables);
            if (table is null)
            {
                return new SubnetRouteCoverage(subnetId, null, ViaMainTable: false, Covered: false, DefaultRouteTarget: null);
            }
            var covered = table.Routes.Any(r => r.DestinationPrefixListId == prefixListId && r.State != AwsRoute.Blackhole);
            var defaultRoute = table.Routes.FirstOrDefault(r => r.DestinationCidrBlock == DefaultRouteCidr);
            return new SubnetRouteCoverage(subnetId, table.RouteTableId, ViaMainTable: !table.AssociatedSubnetIds.Contains(subnetId), covered,
                defaultRoute?.TargetId, defaultRoute?.State == AwsRoute.Blackhole);
        }).ToList();

    /// <summary>Where traffic that misses the prefix-list route goes, in words.</summary>
    public static string DescribeDefaultRoute(SubnetRouteCoverage coverage) => coverage.DefaultRouteTarget switch
    {
        null => "nowhere (no default route)",
        var target when coverage.DefaultRouteBlackhole => $"nowhere (the default route to {target} is a blackhole)",
        var target => $"{RouteTargets.Kind(target)} {target}",
    };
}
