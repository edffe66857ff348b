using Amazon.EC2.Model;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.Aws;

/// <summary>The reads the network-path checks make, on the real adapter against a real AWS-compatible endpoint: route tables
/// with the main association and explicit ones, network ACL entries and associations, security-group rules with group and
/// prefix-list sources, network interfaces and their groups. The network is made with the SDK directly.</summary>
public sealed class NetworkPathContractTests : IClassFixture<AwsNetwork>
{
    private readonly AwsNetwork _net;
    private IEc2Api Ec2 => _net.Apis.Ec2;

    public NetworkPathContractTests(AwsNetwork net) => _net = net;

    private Task<IReadOnlyList<AwsRouteTable>> TablesAsync() =>
        Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId] }, default);

    [AwsContractFact]
    public async Task Route_tables_show_the_main_one_explicit_associations_and_default_route_targets()
    {
        var vpc = (await _net.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.30.0.0/16" })).Vpc.VpcId;
        var onMain = (await _net.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.30.1.0/24", AvailabilityZone = "eu-west-1a" })).Subnet.SubnetId;
        var associated = (await _net.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.30.2.0/24", AvailabilityZone = "eu-west-1b" })).Subnet.SubnetId;
        var publicTable = (await _net.Ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc })).RouteTable.RouteTableId;
        await _net.Ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = publicTable, SubnetId = associated });
        var igw = (await _net.Ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest())).InternetGateway.InternetGatewayId;
        await _net.Ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = igw, VpcId = vpc });
        await _net.Ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = publicTable, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw });
        var nat = (await _net.Ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest { SubnetId = associated })).NatGateway.NatGatewayId;
        var main = Assert.Single(await Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [vpc] }, default), t => t.IsMain);
        await _net.Ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = main.RouteTableId, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = nat });

        var tables = await Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [vpc] }, default);
        main = Assert.Single(tables, t => t.IsMain);
        // The main table's association names no subnet; a subnet without an explicit association is listed nowhere.
        Assert.Empty(main.AssociatedSubnetIds);
        Assert.Equal([associated], tables.Single(t => t.RouteTableId == publicTable).AssociatedSubnetIds);
        Assert.DoesNotContain(tables, t => t.AssociatedSubnetIds.Contains(onMain));

        var coverage = RouteCoverage.Evaluate([onMain, associated], tables, "pl-6da54004");
        Assert.Equal((main.RouteTableId, true, false, nat), (coverage[0].RouteTableId, coverage[0].ViaMainTable, coverage[0].Covered, coverage[0].DefaultRouteTarget));
        Assert.Equal((publicTable, false, igw), (coverage[1].RouteTableId, coverage[1].ViaMainTable, coverage[1].DefaultRouteTarget));

        // A gateway endpoint on the main table covers the subnet that uses it.
        var endpoint = await Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = _net.RunId + "-main", RouteTableIds = [main.RouteTableId],
        }, default);
        var prefixList = (await Ec2.DescribePrefixListIdAsync(AwsNetwork.Region, "com.amazonaws.eu-west-1.s3", default))!;
        tables = await Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [vpc] }, default);
        Assert.True(Assert.Single(RouteCoverage.Evaluate([onMain], tables, prefixList)).Covered);
        Assert.Contains(tables.Single(t => t.IsMain).Routes, r => r.DestinationPrefixListId == prefixList && r.GatewayId == endpoint.VpcEndpointId);
    }

    [AwsContractFact]
    public async Task Network_acls_show_their_entries_in_both_directions_and_every_subnet_under_one()
    {
        var acls = await Ec2.DescribeNetworkAclsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId] }, default);
        var defaultAcl = Assert.Single(acls, a => a.IsDefault);
        Assert.Equal(_net.SubnetIds.Order(), defaultAcl.AssociatedSubnetIds.Order());
        Assert.Contains(defaultAcl.Entries, e => e is { RuleNumber: 100, Egress: false, Protocol: "-1", Allow: true, CidrBlock: "0.0.0.0/0" });
        Assert.Contains(defaultAcl.Entries, e => e is { RuleNumber: 100, Egress: true, Allow: true });
        Assert.Contains(defaultAcl.Entries, e => e is { RuleNumber: AwsNetworkAclEntry.DefaultRuleNumber, Egress: false, Allow: false });

        var strict = (await _net.Ec2.CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = _net.VpcId })).NetworkAcl.NetworkAclId;
        await _net.Ec2.CreateNetworkAclEntryAsync(new CreateNetworkAclEntryRequest
        {
            NetworkAclId = strict, RuleNumber = 90, Egress = false, Protocol = "6", RuleAction = Amazon.EC2.RuleAction.Deny, CidrBlock = "0.0.0.0/0",
            PortRange = new PortRange { From = 443, To = 443 },
        });
        await _net.Ec2.CreateNetworkAclEntryAsync(new CreateNetworkAclEntryRequest
        {
            NetworkAclId = strict, RuleNumber = 100, Egress = false, Protocol = "-1", RuleAction = Amazon.EC2.RuleAction.Allow, CidrBlock = "0.0.0.0/0",
        });
        await _net.Ec2.CreateNetworkAclEntryAsync(new CreateNetworkAclEntryRequest
        {
            NetworkAclId = strict, RuleNumber = 100, Egress = true, Protocol = "6", RuleAction = Amazon.EC2.RuleAction.Allow, CidrBlock = "10.20.0.0/16",
            PortRange = new PortRange { From = 1024, To = 65535 },
        });
        var association = (await _net.Ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = [defaultAcl.NetworkAclId] }))
            .NetworkAcls[0].Associations.Single(a => a.SubnetId == _net.SubnetIds[1]).NetworkAclAssociationId;
        await _net.Ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest { AssociationId = association, NetworkAclId = strict });

        acls = await Ec2.DescribeNetworkAclsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId] }, default);
        var custom = acls.Single(a => a.NetworkAclId == strict);
        Assert.False(custom.IsDefault);
        Assert.Equal([_net.SubnetIds[1]], custom.AssociatedSubnetIds);
        Assert.Equal([_net.SubnetIds[0]], acls.Single(a => a.IsDefault).AssociatedSubnetIds);
        var deny = custom.Entries.Single(e => e.RuleNumber == 90);
        Assert.Equal((false, "6", false, "0.0.0.0/0", (int?)443, (int?)443), (deny.Egress, deny.Protocol, deny.Allow, deny.CidrBlock, deny.FromPort, deny.ToPort));
        var replies = custom.Entries.Single(e => e is { RuleNumber: 100, Egress: true });
        Assert.Equal((1024, 65535), (replies.FromPort, replies.ToPort));

        var checks = NetworkAclEvaluation.ForSubnets(_net.SubnetIds, acls, ["10.20.0.0/16"]);
        Assert.True(checks.Single(c => c.NetworkAclId == defaultAcl.NetworkAclId).Allowed);
        var judged = checks.Single(c => c.NetworkAclId == strict);
        Assert.Equal((false, 90, true), (judged.Inbound.Allowed, judged.Inbound.DenyingRule!.RuleNumber, judged.Outbound.Allowed));

        Assert.Equal(strict, Assert.Single(await Ec2.DescribeNetworkAclsAsync(AwsNetwork.Region, new ResourceQuery { Ids = [strict] }, default)).NetworkAclId);
    }

    [AwsContractFact]
    public async Task Security_group_rules_show_group_and_prefix_list_sources_and_interfaces_their_groups()
    {
        var app = (await _net.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = _net.VpcId, GroupName = "app-" + _net.RunId, Description = "app" })).GroupId;
        var endpoints = (await _net.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = _net.VpcId, GroupName = "from-app-" + _net.RunId, Description = "endpoints" })).GroupId;
        var corp = (await _net.Ec2.CreateManagedPrefixListAsync(new CreateManagedPrefixListRequest
        {
            PrefixListName = "corp-" + _net.RunId, AddressFamily = "IPv4", MaxEntries = 5, Entries = [new AddPrefixListEntry { Cidr = "192.168.0.0/16" }],
        })).PrefixList.PrefixListId;
        await _net.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = endpoints,
            IpPermissions =
            [
                new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, UserIdGroupPairs = [new UserIdGroupPair { GroupId = app }] },
                new IpPermission { IpProtocol = "tcp", FromPort = 8443, ToPort = 8443, PrefixListIds = [new PrefixListId { Id = corp }] },
            ],
        });
        var eni = (await _net.Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest { SubnetId = _net.SubnetIds[0], Groups = [app] })).NetworkInterface.NetworkInterfaceId;

        var group = Assert.Single(await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { Ids = [endpoints] }, default));
        Assert.Equal([app], group.Ingress.Single(r => r.FromPort == 443).SourceGroupIds);
        Assert.Equal([corp], group.Ingress.Single(r => r.FromPort == 8443).PrefixListIds);

        var snapshot = new EndpointSnapshot(Ec2, TimeProvider.System, "path-" + _net.RunId, TimeSpan.FromMinutes(2));
        var interfaces = await snapshot.NetworkInterfacesAsync(AwsNetwork.Region, _net.VpcId, default);
        var found = interfaces.Single(n => n.NetworkInterfaceId == eni);
        Assert.Equal((_net.VpcId, _net.SubnetIds[0], "interface"), (found.VpcId, found.SubnetId, found.InterfaceType));
        Assert.Equal([app], found.GroupIds);
        Assert.All(interfaces, n => Assert.Equal(_net.VpcId, n.VpcId));

        var sources = HttpsAdmission.Sources([group], ["10.20.0.0/16"], HttpsAdmission.InterfacesByGroup(interfaces, []));
        Assert.True(Assert.Single(sources).Admits);
        Assert.Contains((await snapshot.NetworkAclsAsync(AwsNetwork.Region, _net.VpcId, default)), a => a.IsDefault);
    }
}
