using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>Which route table a subnet uses (its explicit association, else the main table) and whether it routes the service.</summary>
public sealed class RouteCoverageTests
{
    private const string S3 = "pl-6da54004";

    private static AwsRoute Local => new("10.0.0.0/16", null, "local", null, "active");
    private static AwsRoute ToS3(string state = "active") => new(null, S3, "vpce-1", null, state);
    private static AwsRoute Default(string target, string state = "active") => target.StartsWith("nat-", StringComparison.Ordinal)
        ? new AwsRoute("0.0.0.0/0", null, null, target, state)
        : target.StartsWith("tgw-", StringComparison.Ordinal)
            ? new AwsRoute("0.0.0.0/0", null, null, null, state) { TransitGatewayId = target }
            : new AwsRoute("0.0.0.0/0", null, target, null, state);

    private static AwsRouteTable Table(string id, bool main, string[] subnets, params AwsRoute[] routes) =>
        new(id, "vpc-1", [Local, .. routes], subnets, main, Tag.None);

    private static readonly IReadOnlyList<AwsRouteTable> Tables =
    [
        Table("rtb-main", main: true, [], Default("nat-1")),
        Table("rtb-private", main: false, ["subnet-private"], ToS3()),
        Table("rtb-public", main: false, ["subnet-public"], Default("igw-1")),
        Table("rtb-isolated", main: false, ["subnet-isolated"]),
        Table("rtb-stale", main: false, ["subnet-stale"], ToS3(AwsRoute.Blackhole), Default("tgw-1", AwsRoute.Blackhole)),
    ];

    [Theory]
    [InlineData("subnet-private", "rtb-private")]
    [InlineData("subnet-public", "rtb-public")]
    [InlineData("subnet-app", "rtb-main")]
    public void A_subnet_uses_its_explicit_association_else_the_main_table(string subnet, string table) =>
        Assert.Equal(table, RouteCoverage.TableOf(subnet, Tables)!.RouteTableId);

    [Fact]
    public void Without_a_main_table_in_the_read_a_subnet_has_none() =>
        Assert.Null(RouteCoverage.TableOf("subnet-app", Tables.Where(t => !t.IsMain).ToList()));

    [Fact]
    public void The_tables_of_several_subnets_each_once_and_sorted() =>
        Assert.Equal(["rtb-main", "rtb-private"], RouteCoverage.TablesOf(["subnet-private", "subnet-app", "subnet-other", "subnet-private"], Tables));

    public static TheoryData<string, string?, bool, bool, string?, string> Subnets => new()
    {
        { "subnet-private", "rtb-private", false, true, null, "nowhere (no default route)" },
        { "subnet-app", "rtb-main", true, false, "nat-1", "NAT gateway nat-1" },
        { "subnet-public", "rtb-public", false, false, "igw-1", "internet gateway igw-1" },
        { "subnet-isolated", "rtb-isolated", false, false, null, "nowhere (no default route)" },
        { "subnet-stale", "rtb-stale", false, false, "tgw-1", "nowhere (the default route to tgw-1 is a blackhole)" },
    };

    [Theory]
    [MemberData(nameof(Subnets))]
    public void Each_subnet_is_covered_by_a_live_prefix_list_route_or_says_where_its_traffic_goes(
        string subnet, string? table, bool viaMain, bool covered, string? target, string words)
    {
        var answer = Assert.Single(RouteCoverage.Evaluate([subnet], Tables, S3));
        Assert.Equal((subnet, table, viaMain, covered, target), (answer.SubnetId, answer.RouteTableId, answer.ViaMainTable, answer.Covered, answer.DefaultRouteTarget));
        Assert.Equal(words, RouteCoverage.DescribeDefaultRoute(answer));
    }

    [Fact]
    public void A_subnet_on_the_main_table_is_covered_once_the_main_table_routes_the_service()
    {
        var tables = Tables.Select(t => t.IsMain ? t with { Routes = [.. t.Routes, ToS3()] } : t).ToList();
        Assert.True(Assert.Single(RouteCoverage.Evaluate(["subnet-app"], tables, S3)).Covered);
    }

    [Fact]
    public void A_route_to_another_prefix_list_does_not_cover()
    {
        var dynamo = new[] { Table("rtb-main", main: true, [], new AwsRoute(null, "pl-6fa54006", "vpce-2", null, "active")) };
        Assert.False(Assert.Single(RouteCoverage.Evaluate(["subnet-app"], dynamo, S3)).Covered);
    }

    [Fact]
    public void A_subnet_without_any_table_is_uncovered_and_names_none()
    {
        var answer = Assert.Single(RouteCoverage.Evaluate(["subnet-app"], [], S3));
        Assert.Equal((null, false), (answer.RouteTableId, answer.Covered));
    }

    [Theory]
    [InlineData("nat-0a", "NAT gateway")]
    [InlineData("igw-0a", "internet gateway")]
    [InlineData("tgw-0a", "transit gateway")]
    [InlineData("pcx-0a", "peering connection")]
    [InlineData("eni-0a", "network interface")]
    [InlineData("i-0a", "instance")]
    [InlineData("vgw-0a", "virtual private gateway")]
    [InlineData("local", "target")]
    public void Route_targets_are_named_by_kind(string id, string kind) => Assert.Equal(kind, RouteTargets.Kind(id));

    [Fact]
    public void A_nat_instance_route_names_the_instance()
    {
        var route = new AwsRoute("0.0.0.0/0", null, null, null, "active") { InstanceId = "i-1", NetworkInterfaceId = "eni-1" };
        Assert.Equal("i-1", route.TargetId);
    }
}
