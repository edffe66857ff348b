using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>RoutesCovered, HttpsAllowed and NetworkAclAllows in the status builder: advisory, warned once when they turn False.</summary>
public sealed class NetworkPathConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private const string S3 = "pl-6da54004";
    private static readonly AwsVpc Vpc = new("vpc-1", "10.0.0.0/16", ["10.0.0.0/16"], Tag.None);

    private static readonly DesiredEndpoint Gateway = new()
    {
        Region = "eu-west-1", VpcId = "vpc-1", ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway",
        RouteTableIds = ["rtb-private"], Tags = Tag.None, Additive = false, CorrectDrift = true, ClientToken = "t",
    };

    private static readonly DesiredEndpoint Interface = Gateway with
    {
        Type = "Interface", ServiceName = "com.amazonaws.eu-west-1.ssm", RouteTableIds = [], SubnetIds = ["subnet-a", "subnet-b"],
        SecurityGroupIds = ["sg-endpoint"], PrivateDnsEnabled = false,
    };

    private static AwsEndpoint Endpoint(DesiredEndpoint desired) =>
        new("vpce-1", "vpc-1", desired.ServiceName, desired.Type, EndpointStates.Available, desired.RouteTableIds, desired.SubnetIds,
            desired.SecurityGroupIds, desired.IsGateway ? [] : ["eni-own-a", "eni-own-b"], false, null, [], Tag.None, T0);

    private static readonly IReadOnlyList<AwsRouteTable> Tables =
    [
        new("rtb-main", "vpc-1", [new("0.0.0.0/0", null, null, "nat-1", "active")], [], true, Tag.None),
        new("rtb-private", "vpc-1", [new(null, S3, "vpce-1", null, "active")], ["subnet-private"], false, Tag.None),
        new("rtb-public", "vpc-1", [new("0.0.0.0/0", null, "igw-1", null, "active")], ["subnet-public"], false, Tag.None),
    ];

    /// <summary>The checks as the advise phase runs them, then the conditions as the status builder records them.</summary>
    private static StatusReport<VpcEndpointStatus> Build(VpcEndpointStatus? previous, DesiredEndpoint desired, EndpointReading reading) =>
        VpcEndpointStatusBuilder.Build(previous, 1, T0, new EndpointSyncResult
        {
            Outcome = SyncOutcome.Unchanged, Desired = desired, Vpc = Vpc, Reading = reading, Endpoint = Endpoint(desired),
            NetworkPath = NetworkPathChecks.Evaluate(desired, Vpc, reading, Endpoint(desired)),
        });

    private static Condition Get(VpcEndpointStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    private static EndpointReading GatewayReading(params string[] subnets) =>
        new() { PrefixListId = S3, VpcRouteTables = Tables, VpcSubnetIds = subnets };

    [Fact]
    public void A_subnet_on_the_main_table_without_the_route_is_named_with_where_its_traffic_goes()
    {
        var report = Build(null, Gateway, GatewayReading("subnet-private", "subnet-app", "subnet-public"));
        var routes = Get(report.Status, ConditionTypes.RoutesCovered);
        Assert.Equal((ConditionStatus.False, "SubnetsUncovered"), (routes.Status, routes.Reason));
        Assert.Contains("2 of 3 subnets of vpc-1 have no route to pl-6da54004", routes.Message);
        Assert.Contains("subnet-app (the main route table rtb-main) sends it to NAT gateway nat-1", routes.Message);
        Assert.Contains("subnet-public (route table rtb-public) sends it to internet gateway igw-1", routes.Message);
        Assert.DoesNotContain("subnet-private", routes.Message);
        Assert.Contains(report.Events, e => e.Type == "Warning" && e.Reason == "SubnetsUncovered");
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);

        var app = report.Status.SubnetCoverage.Single(s => s.SubnetId == "subnet-app");
        Assert.Equal(("rtb-main", true, false, "nat-1"), (app.RouteTableId, app.MainRouteTable, app.Covered, app.DefaultRouteTarget));
        Assert.True(report.Status.SubnetCoverage.Single(s => s.SubnetId == "subnet-private").Covered);
    }

    [Fact]
    public void Named_subnets_are_the_only_ones_looked_at()
    {
        var report = Build(null, Gateway with { RouteSubnetIds = ["subnet-private"] }, GatewayReading("subnet-private", "subnet-app"));
        var routes = Get(report.Status, ConditionTypes.RoutesCovered);
        Assert.Equal((ConditionStatus.True, "SubnetsCovered"), (routes.Status, routes.Reason));
        Assert.Equal("all 1 subnets named in the spec route pl-6da54004 (com.amazonaws.eu-west-1.s3) to the endpoint", routes.Message);
        Assert.Equal(["subnet-private"], report.Status.SubnetCoverage.Select(s => s.SubnetId));
        Assert.DoesNotContain(report.Events, e => e.Type == "Warning");
    }

    [Fact]
    public void An_uncovered_subnet_warns_once_and_not_again_on_the_next_resync()
    {
        var first = Build(null, Gateway, GatewayReading("subnet-app"));
        var second = Build(first.Status, Gateway, GatewayReading("subnet-app"));
        Assert.Equal(ConditionStatus.False, Get(second.Status, ConditionTypes.RoutesCovered).Status);
        Assert.DoesNotContain(second.Events, e => e.Type == "Warning");
    }

    [Fact]
    public void Route_tables_not_read_again_after_a_write_leave_the_condition_as_it_was()
    {
        var first = Build(null, Gateway, GatewayReading("subnet-app"));
        var second = Build(first.Status, Gateway, GatewayReading("subnet-app") with { VpcRouteTables = null });
        Assert.Equal(Get(first.Status, ConditionTypes.RoutesCovered).Message, Get(second.Status, ConditionTypes.RoutesCovered).Message);
        Assert.Single(second.Status.SubnetCoverage);
    }

    [Fact]
    public void Gateway_and_interface_checks_never_stand_side_by_side()
    {
        var gateway = Build(null, Gateway, GatewayReading("subnet-app"));
        var now = Build(gateway.Status, Interface, InterfaceReading(Group(Cidr("10.0.0.0/16"))));
        Assert.DoesNotContain(now.Status.Conditions, c => c.Type == ConditionTypes.RoutesCovered);
        Assert.Empty(now.Status.SubnetCoverage);
        var back = Build(now.Status, Gateway, GatewayReading("subnet-app"));
        Assert.DoesNotContain(back.Status.Conditions, c => c.Type is ConditionTypes.HttpsAllowed or ConditionTypes.NetworkAclAllows or ConditionTypes.DnsSupported);
        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted, ConditionTypes.RoutesCovered], back.Status.Conditions.Select(c => c.Type));
    }

    private static AwsSecurityGroup Group(params AwsIngressRule[] rules) => new("sg-endpoint", "endpoints", "vpc-1", rules, Tag.None);
    private static AwsIngressRule Cidr(string cidr) => new("tcp", 443, 443, [cidr], []);
    private static AwsIngressRule FromGroup(string group) => new("tcp", 443, 443, [], [group]);

    private static readonly AwsNetworkAcl DefaultAcl = new("acl-default", "vpc-1", true,
        [new(100, false, "-1", true, "0.0.0.0/0", null, null, null), new(100, true, "-1", true, "0.0.0.0/0", null, null, null),
         new(32767, false, "-1", false, "0.0.0.0/0", null, null, null), new(32767, true, "-1", false, "0.0.0.0/0", null, null, null)],
        ["subnet-a", "subnet-b"], Tag.None);

    private static EndpointReading InterfaceReading(AwsSecurityGroup group, IReadOnlyList<AwsNetworkInterface>? interfaces = null, params AwsNetworkAcl[] acls) =>
        new() { EndpointSecurityGroups = [group], VpcNetworkInterfaces = interfaces, VpcNetworkAcls = acls.Length == 0 ? [DefaultAcl] : acls };

    [Fact]
    public void Https_from_an_app_group_that_something_carries_is_allowed_and_says_why()
    {
        var report = Build(null, Interface, InterfaceReading(Group(FromGroup("sg-app")),
            [new("eni-app", "vpc-1", "subnet-a", ["sg-app"], "interface"), new("eni-own-a", "vpc-1", "subnet-a", ["sg-endpoint"], "interface")]));
        var https = Get(report.Status, ConditionTypes.HttpsAllowed);
        Assert.Equal((ConditionStatus.True, "HttpsAdmitted"), (https.Status, https.Reason));
        Assert.Equal("sg-endpoint admits TCP 443 from security group sg-app (carried by 1 network interface in the VPC)", https.Message);
    }

    [Fact]
    public void Https_only_from_a_group_nothing_carries_is_blocked_and_names_the_group()
    {
        var report = Build(null, Interface, InterfaceReading(Group(FromGroup("sg-app")), []));
        var https = Get(report.Status, ConditionTypes.HttpsAllowed);
        Assert.Equal((ConditionStatus.False, "HttpsBlocked"), (https.Status, https.Reason));
        Assert.Contains("sg-endpoint admits it only from security group sg-app, which no network interface in the VPC carries", https.Message);
        Assert.Contains(report.Events, e => e.Type == "Warning" && e.Reason == "HttpsBlocked");
    }

    [Fact]
    public void The_endpoints_own_interfaces_do_not_make_a_self_referencing_group_admit_anyone()
    {
        var report = Build(null, Interface, InterfaceReading(Group(FromGroup("sg-endpoint")),
            [new("eni-own-a", "vpc-1", "subnet-a", ["sg-endpoint"], "interface"), new("eni-own-b", "vpc-1", "subnet-b", ["sg-endpoint"], "interface")]));
        Assert.Equal(ConditionStatus.False, Get(report.Status, ConditionTypes.HttpsAllowed).Status);
    }

    [Fact]
    public void The_default_acl_lets_https_in_and_the_replies_out()
    {
        var acl = Get(Build(null, Interface, InterfaceReading(Group(Cidr("10.0.0.0/16")))).Status, ConditionTypes.NetworkAclAllows);
        Assert.Equal((ConditionStatus.True, "AclAllowsHttps"), (acl.Status, acl.Reason));
        Assert.Equal("network ACL acl-default (subnet-a, subnet-b) lets TCP 443 in from 10.0.0.0/16 (rule 100) and the replies out to ports 1024-65535 (rule 100)", acl.Message);
    }

    [Fact]
    public void An_acl_that_drops_443_is_named_with_its_rule()
    {
        var strict = new AwsNetworkAcl("acl-strict", "vpc-1", false,
            [new(90, false, "6", false, "0.0.0.0/0", null, 443, 443), new(100, false, "-1", true, "0.0.0.0/0", null, null, null),
             new(100, true, "6", true, "0.0.0.0/0", null, 32768, 65535)],
            ["subnet-b"], Tag.None);
        var report = Build(null, Interface, InterfaceReading(Group(Cidr("10.0.0.0/16")), null, DefaultAcl with { AssociatedSubnetIds = ["subnet-a"] }, strict));
        var acl = Get(report.Status, ConditionTypes.NetworkAclAllows);
        Assert.Equal((ConditionStatus.False, "AclDeniesHttps"), (acl.Status, acl.Reason));
        Assert.Equal("network ACL acl-strict of subnet-b: inbound TCP 443 from 10.0.0.0/16 is denied by rule 90 (deny TCP port 443 from 0.0.0.0/0); " +
                     "outbound TCP 1024-32767 to 10.0.0.0/16 is denied by rule * (deny all traffic to 0.0.0.0/0)", acl.Message);
        Assert.Contains(report.Events, e => e.Type == "Warning" && e.Reason == "AclDeniesHttps");
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);
        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted, ConditionTypes.DnsSupported, ConditionTypes.HttpsAllowed, ConditionTypes.NetworkAclAllows],
            report.Status.Conditions.Select(c => c.Type));
    }
}
