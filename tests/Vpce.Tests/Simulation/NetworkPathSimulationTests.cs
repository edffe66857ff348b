using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>The simulator's main route tables, network ACLs, network interfaces and group-sourced rules, as AWS shows them.</summary>
public sealed class NetworkPathSimulationTests
{
    private readonly TestAccount _account = new();
    private SimulatedWorld World => _account.Aws.World;
    private static CancellationToken None => CancellationToken.None;

    private Task<IReadOnlyList<AwsNetworkAcl>> AclsAsync() =>
        _account.Ec2.DescribeNetworkAclsAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, None);

    private Task<IReadOnlyList<AwsNetworkInterface>> InterfacesAsync() =>
        _account.Ec2.DescribeNetworkInterfacesAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, None);

    [Fact]
    public async Task Every_vpc_has_a_main_route_table_that_subnets_without_an_association_use()
    {
        var tables = await _account.Ec2.DescribeRouteTablesAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, None);
        var main = Assert.Single(tables, t => t.IsMain);
        // AWS lists only explicit associations: the main table's subnets are the ones no other table names.
        Assert.Empty(main.AssociatedSubnetIds);
        Assert.DoesNotContain(tables, t => t.AssociatedSubnetIds.Contains(_account.SubnetB));

        World.SetMainRouteTable(_account.RouteTable2);
        tables = await _account.Ec2.DescribeRouteTablesAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, None);
        Assert.Equal(_account.RouteTable2, Assert.Single(tables, t => t.IsMain).RouteTableId);
    }

    [Fact]
    public async Task Every_vpc_has_a_default_acl_that_allows_all_and_holds_every_subnet()
    {
        var acl = Assert.Single(await AclsAsync());
        Assert.True(acl.IsDefault);
        Assert.Equal([_account.SubnetA, _account.SubnetB, _account.SubnetC, _account.SubnetA2], acl.AssociatedSubnetIds);
        Assert.Equal(
            [(100, false, "-1", true, "0.0.0.0/0"), (32767, false, "-1", false, "0.0.0.0/0"), (100, true, "-1", true, "0.0.0.0/0"), (32767, true, "-1", false, "0.0.0.0/0")],
            acl.Entries.Select(e => (e.RuleNumber, e.Egress, e.Protocol, e.Allow, e.CidrBlock!)));
        Assert.Equal(acl.NetworkAclId, World.DefaultNetworkAclId(_account.VpcId));
    }

    [Fact]
    public async Task A_custom_acl_starts_with_rule_star_and_takes_a_subnet_from_the_default()
    {
        var acl = World.CreateNetworkAcl(_account.VpcId, new Dictionary<string, string> { ["Name"] = "strict" });
        World.AddNetworkAclEntry(acl, 100, egress: false, "tcp", allow: true, "10.0.0.0/16", 443, 443);
        World.AddNetworkAclEntry(acl, 90, egress: false, "6", allow: false, "10.0.9.0/24", 443, 443);
        World.AssociateNetworkAcl(acl, _account.SubnetB);

        var acls = await AclsAsync();
        var custom = Assert.Single(acls, a => !a.IsDefault);
        Assert.Equal([_account.SubnetB], custom.AssociatedSubnetIds);
        Assert.DoesNotContain(_account.SubnetB, acls.Single(a => a.IsDefault).AssociatedSubnetIds);
        Assert.Equal([(90, "6", false, 443), (100, "6", true, 443), (32767, "-1", false, (int?)null)],
            custom.Entries.Where(e => !e.Egress).Select(e => (e.RuleNumber, e.Protocol, e.Allow, e.FromPort)));
        Assert.Equal("strict", custom.Tags["Name"]);
    }

    [Theory]
    [InlineData(0, "tcp", 443, "InvalidParameterValue")]
    [InlineData(32767, "tcp", 443, "InvalidParameterValue")]
    [InlineData(100, "tcp", null, "MissingParameter")]
    [InlineData(100, "gre", 443, "InvalidParameterValue")]
    public void Acl_entries_are_checked_as_ec2_checks_them(int number, string protocol, int? port, string code)
    {
        var acl = World.CreateNetworkAcl(_account.VpcId);
        var error = Assert.Throws<AwsApiException>(() => World.AddNetworkAclEntry(acl, number, egress: false, protocol, allow: true, "0.0.0.0/0", port, port));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void A_rule_number_is_taken_once_per_direction()
    {
        var acl = World.CreateNetworkAcl(_account.VpcId);
        World.AddNetworkAclEntry(acl, 100, egress: false, "-1", allow: true, "0.0.0.0/0");
        World.AddNetworkAclEntry(acl, 100, egress: true, "-1", allow: true, "0.0.0.0/0");
        Assert.Equal("NetworkAclEntryAlreadyExists",
            Assert.Throws<AwsApiException>(() => World.AddNetworkAclEntry(acl, 100, egress: false, "-1", allow: false, "0.0.0.0/0")).Code);
    }

    [Fact]
    public async Task Acls_by_id_and_unknown_ids()
    {
        var acl = World.CreateNetworkAcl(_account.VpcId);
        Assert.Equal(acl, Assert.Single(await _account.Ec2.DescribeNetworkAclsAsync(TestAccount.Region, new ResourceQuery { Ids = [acl] }, None)).NetworkAclId);
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            _account.Ec2.DescribeNetworkAclsAsync(TestAccount.Region, new ResourceQuery { Ids = ["acl-0123456789abcdef0"] }, None));
        Assert.Equal("InvalidNetworkAclID.NotFound", error.Code);
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Network_interfaces_carry_their_groups_and_interface_endpoints_show_theirs()
    {
        var app = World.CreateSecurityGroup(_account.VpcId, "app-clients");
        var instance = World.CreateNetworkInterface(_account.SubnetB, [app]);
        var bare = World.CreateNetworkInterface(_account.SubnetC, []);
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA) with { SecurityGroupIds = [_account.AppGroup] });

        var interfaces = await InterfacesAsync();
        Assert.Equal([app], interfaces.Single(n => n.NetworkInterfaceId == instance).GroupIds);
        Assert.Equal("interface", interfaces.Single(n => n.NetworkInterfaceId == instance).InterfaceType);
        Assert.Equal([World.DefaultSecurityGroupId(_account.VpcId)], interfaces.Single(n => n.NetworkInterfaceId == bare).GroupIds);
        var own = interfaces.Single(n => n.NetworkInterfaceId == Assert.Single(endpoint.NetworkInterfaceIds));
        Assert.Equal(("vpc_endpoint", _account.SubnetA), (own.InterfaceType, own.SubnetId));
        Assert.Equal([_account.AppGroup], own.GroupIds);

        World.DeleteNetworkInterface(instance);
        Assert.DoesNotContain(await InterfacesAsync(), n => n.NetworkInterfaceId == instance);
        Assert.Empty(await _account.Ec2.DescribeNetworkInterfacesAsync(TestAccount.Region, new ResourceQuery { VpcIds = ["vpc-0123456789abcdef0"] }, None));
    }

    [Fact]
    public async Task A_deleted_interface_endpoint_frees_its_interfaces()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));
        await _account.Ec2.DeleteVpcEndpointsAsync(TestAccount.Region, [endpoint.VpcEndpointId], None);
        _account.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(await InterfacesAsync(), n => endpoint.NetworkInterfaceIds.Contains(n.NetworkInterfaceId));
    }

    [Fact]
    public async Task Rules_take_group_and_prefix_list_sources_that_exist()
    {
        var app = World.CreateSecurityGroup(_account.VpcId, "app-clients");
        var corp = World.CreateManagedPrefixList(TestAccount.Region, "corporate");
        World.AuthorizeIngress(_account.AppGroup, new AwsIngressRule("6", 443, 443, [], [app]) { PrefixListIds = [corp] });

        var group = Assert.Single(await _account.Ec2.DescribeSecurityGroupsAsync(TestAccount.Region, new ResourceQuery { Ids = [_account.AppGroup] }, None));
        var rule = group.Ingress.Last();
        Assert.Equal("tcp", rule.Protocol);
        Assert.Equal([app], rule.SourceGroupIds);
        Assert.Equal([corp], rule.PrefixListIds);

        Assert.Equal(AwsErrorCodes.InvalidGroupNotFound, Assert.Throws<AwsApiException>(() =>
            World.AuthorizeIngress(_account.AppGroup, new AwsIngressRule("tcp", 443, 443, [], ["sg-0123456789abcdef0"]))).Code);
        Assert.Equal("InvalidPrefixListId.NotFound", Assert.Throws<AwsApiException>(() =>
            World.AuthorizeIngress(_account.AppGroup, new AwsIngressRule("tcp", 443, 443, [], []) { PrefixListIds = ["pl-0123456789abcdef0"] })).Code);
    }

    [Fact]
    public async Task Routes_show_their_target_in_the_field_of_its_kind()
    {
        var nat = World.NewNatGatewayId();
        World.AddRoute(_account.RouteTable1, "0.0.0.0/0", nat);
        World.AddRoute(_account.RouteTable1, "192.168.0.0/16", "tgw-0123456789abcdef0");
        World.AddRoute(_account.RouteTable1, "172.16.0.0/16", "pcx-0123456789abcdef0");
        var routes = (await _account.RouteTableAsync(_account.RouteTable1)).Routes;
        Assert.Equal(nat, routes.Single(r => r.DestinationCidrBlock == "0.0.0.0/0").NatGatewayId);
        Assert.Equal("tgw-0123456789abcdef0", routes.Single(r => r.DestinationCidrBlock == "192.168.0.0/16").TransitGatewayId);
        Assert.Equal("pcx-0123456789abcdef0", routes.Single(r => r.DestinationCidrBlock == "172.16.0.0/16").TargetId);
        Assert.Equal("InvalidParameterValue", Assert.Throws<AwsApiException>(() => World.AddRoute(_account.RouteTable1, "10.9.0.0/16", "bogus-1")).Code);
    }

    [Fact]
    public async Task Acls_and_interfaces_page_and_count_as_calls()
    {
        _account.Aws.Calls.Reset();
        await AclsAsync();
        await InterfacesAsync();
        Assert.Equal((1, 1), (_account.Aws.Calls["ec2:DescribeNetworkAcls"], _account.Aws.Calls["ec2:DescribeNetworkInterfaces"]));
    }
}
