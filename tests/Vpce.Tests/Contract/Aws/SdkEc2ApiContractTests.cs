using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.Aws;

/// <summary>The EC2 adapter against a real AWS-compatible endpoint. moto makes endpoints available at once, ignores
/// ClientToken and MaxResults and keeps no routes on modify (see the contract rig's README): not asserted here.</summary>
public sealed class SdkEc2ApiContractTests : IClassFixture<AwsNetwork>
{
    private const string S3 = "com.amazonaws.eu-west-1.s3";
    private readonly AwsNetwork _net;
    private IEc2Api Ec2 => _net.Apis.Ec2;

    public SdkEc2ApiContractTests(AwsNetwork net) => _net = net;

    private Task<AwsEndpoint> CreateGateway(string name, IReadOnlyList<string> routeTables, string service = S3) =>
        Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = service, Type = "Gateway", ClientToken = $"{_net.RunId}-{name}",
            RouteTableIds = routeTables,
            Tags = new Dictionary<string, string> { ["vpce.io/name"] = name, ["run"] = _net.RunId },
        }, default);

    [AwsContractFact]
    public async Task Create_a_gateway_with_tags_and_find_it_by_tags_vpc_service_and_id()
    {
        var created = await CreateGateway("find-me", [_net.RouteTableIds[0]]);
        Assert.StartsWith("vpce-", created.VpcEndpointId);
        Assert.Equal(_net.VpcId, created.VpcId);
        Assert.Equal("Gateway", created.Type);

        var byTags = await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery
        {
            Tags = new Dictionary<string, string> { ["vpce.io/name"] = "find-me", ["run"] = _net.RunId },
        }, default);
        var found = Assert.Single(byTags);
        Assert.Equal(created.VpcEndpointId, found.VpcEndpointId);
        Assert.Equal("Gateway", found.Type);
        Assert.Equal(S3, found.ServiceName);
        Assert.Equal([_net.RouteTableIds[0]], found.RouteTableIds);
        Assert.Equal("find-me", found.Tags["vpce.io/name"]);
        Assert.True(found.State is EndpointStates.Available or EndpointStates.Pending);

        var byVpcAndService = await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [_net.VpcId], ServiceName = S3 }, default);
        Assert.Contains(byVpcAndService, e => e.VpcEndpointId == created.VpcEndpointId);
        var byId = await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { EndpointIds = [created.VpcEndpointId] }, default);
        Assert.Equal(created.VpcEndpointId, Assert.Single(byId).VpcEndpointId);
    }

    [AwsContractFact]
    public async Task The_callers_record_comes_right_before_the_create_and_a_failed_one_creates_nothing()
    {
        var recorded = new List<string>();
        var request = new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = S3, Type = "Gateway", ClientToken = $"{_net.RunId}-recorded",
            Tags = new Dictionary<string, string> { ["vpce.io/name"] = "recorded", ["run"] = _net.RunId },
        };
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, request, default,
            _ => throw new InvalidOperationException("the record failed")));
        var tags = new EndpointQuery { Tags = new Dictionary<string, string> { ["vpce.io/name"] = "recorded", ["run"] = _net.RunId } };
        Assert.Empty(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, tags, default));

        var created = await Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, request, default, async _ =>
        {
            recorded.Add("record");
            // Not made before the record is: nothing carries its tags yet.
            Assert.Empty(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, tags, default));
        });
        Assert.Equal(["record"], recorded);
        Assert.Equal(created.VpcEndpointId, Assert.Single(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, tags, default)).VpcEndpointId);
    }

    [AwsContractFact]
    public async Task The_gateway_adds_a_prefix_list_route_to_its_route_tables()
    {
        var created = await Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = "com.amazonaws.eu-west-1.dynamodb", Type = "Gateway", ClientToken = _net.RunId + "-routes",
            RouteTableIds = [_net.RouteTableIds[1]],
        }, default);
        var prefixList = await Ec2.DescribePrefixListIdAsync(AwsNetwork.Region, "com.amazonaws.eu-west-1.dynamodb", default);
        Assert.StartsWith("pl-", prefixList);
        var table = Assert.Single(await Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { Ids = [_net.RouteTableIds[1]] }, default));
        Assert.Contains(table.Routes, r => r.DestinationPrefixListId == prefixList && r.GatewayId == created.VpcEndpointId);
    }

    [AwsContractFact]
    public async Task Tags_are_created_and_deleted()
    {
        var created = await CreateGateway("tags", []);
        await Ec2.CreateTagsAsync(AwsNetwork.Region, created.VpcEndpointId, new Dictionary<string, string> { ["team"] = "platform", ["old"] = "x" }, default);
        await Ec2.DeleteTagsAsync(AwsNetwork.Region, created.VpcEndpointId, ["old"], default);
        var tags = Assert.Single(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { EndpointIds = [created.VpcEndpointId] }, default)).Tags;
        Assert.Equal("platform", tags["team"]);
        Assert.False(tags.ContainsKey("old"));
    }

    [AwsContractFact]
    public async Task Describe_returns_every_endpoint_however_many()
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await CreateGateway($"many-{i}", [])).VpcEndpointId);
        }
        var all = await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { Tags = new Dictionary<string, string> { ["run"] = _net.RunId } }, default);
        Assert.Superset(ids.ToHashSet(), all.Select(e => e.VpcEndpointId).ToHashSet());
    }

    [AwsContractFact]
    public async Task Modify_adds_and_removes_route_tables_and_sets_the_policy()
    {
        var created = await CreateGateway("modify", [_net.RouteTableIds[0]]);
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";
        await Ec2.ModifyVpcEndpointAsync(AwsNetwork.Region, new ModifyEndpointRequest
        {
            VpcEndpointId = created.VpcEndpointId, AddRouteTableIds = [_net.RouteTableIds[2]], RemoveRouteTableIds = [_net.RouteTableIds[0]],
            PolicyDocument = policy,
        }, default);
        var after = Assert.Single(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { EndpointIds = [created.VpcEndpointId] }, default));
        Assert.Equal([_net.RouteTableIds[2]], after.RouteTableIds);
        Assert.True(PolicyDocument.Equivalent(policy, after.PolicyDocument!));
    }

    [AwsContractFact]
    public async Task Interface_endpoint_gets_interfaces_dns_entries_and_its_security_group()
    {
        var created = await Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = "com.amazonaws.eu-west-1.ssm", Type = "Interface", ClientToken = _net.RunId + "-ssm",
            SubnetIds = _net.SubnetIds, SecurityGroupIds = [_net.SecurityGroupId], PrivateDnsEnabled = false,
        }, default);
        var found = Assert.Single(await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { EndpointIds = [created.VpcEndpointId] }, default));
        Assert.Equal("Interface", found.Type);
        Assert.Equal(_net.SubnetIds.Order(), found.SubnetIds.Order());
        Assert.Equal(2, found.NetworkInterfaceIds.Count);
        Assert.NotEmpty(found.DnsEntries);
        Assert.Equal([_net.SecurityGroupId], found.SecurityGroupIds);

        var group = Assert.Single(await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { Ids = [_net.SecurityGroupId] }, default));
        Assert.Contains(group.Ingress, r => r.Protocol == "tcp" && r.FromPort == 443 && r.CidrBlocks.Contains("10.20.0.0/16"));
    }

    [AwsContractFact]
    public async Task Delete_reports_unknown_ids_as_unsuccessful_and_deletes_the_rest()
    {
        var created = await CreateGateway("delete", []);
        var failures = await Ec2.DeleteVpcEndpointsAsync(AwsNetwork.Region, [created.VpcEndpointId, "vpce-0000000000000dead"], default);
        // AWS lists the unknown id as Unsuccessful (InvalidVpcEndpoint.NotFound); moto 4.1.4 passes over it in silence.
        Assert.All(failures, f => Assert.Equal("vpce-0000000000000dead", f.VpcEndpointId));
        Assert.All(failures, f => Assert.EndsWith(".NotFound", f.Code));
        var after = await Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { Tags = new Dictionary<string, string> { ["vpce.io/name"] = "delete", ["run"] = _net.RunId } }, default);
        Assert.All(after, e => Assert.Equal(EndpointStates.Deleted, e.State));
    }

    [AwsContractFact]
    public async Task Services_list_s3_with_both_types_and_refuse_an_unknown_name()
    {
        var s3 = await Ec2.DescribeVpcEndpointServicesAsync(AwsNetwork.Region, [S3], default);
        Assert.Contains(s3, d => d.ServiceTypes.Contains("Gateway"));
        Assert.Contains(s3, d => d.ServiceTypes.Contains("Interface"));
        var e = await Assert.ThrowsAsync<AwsApiException>(() => Ec2.DescribeVpcEndpointServicesAsync(AwsNetwork.Region, ["com.amazonaws.eu-west-1.nosuch"], default));
        Assert.Equal(AwsErrorCodes.InvalidServiceName, e.Code);
    }

    [AwsContractFact]
    public async Task Vpcs_subnets_route_tables_by_tags_and_dns_attributes()
    {
        var vpc = Assert.Single(await Ec2.DescribeVpcsAsync(AwsNetwork.Region, new ResourceQuery { Tags = new Dictionary<string, string> { ["Name"] = "contract-" + _net.RunId } }, default));
        Assert.Equal(_net.VpcId, vpc.VpcId);
        Assert.Contains("10.20.0.0/16", vpc.CidrBlocks);
        var subnets = await Ec2.DescribeSubnetsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId], Tags = new Dictionary<string, string> { ["tier"] = "private" } }, default);
        Assert.Equal(_net.SubnetIds.Order(), subnets.Select(s => s.SubnetId).Order());
        Assert.Equal(["eu-west-1a", "eu-west-1b"], subnets.Select(s => s.AvailabilityZone).Order());
        var tables = await Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId], Tags = new Dictionary<string, string> { ["run"] = _net.RunId } }, default);
        Assert.Equal(_net.RouteTableIds.Order(), tables.Select(t => t.RouteTableId).Order());
        var defaults = await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId], GroupName = "default" }, default);
        Assert.Single(defaults);
        var dns = await Ec2.DescribeVpcDnsAttributesAsync(AwsNetwork.Region, _net.VpcId, default);
        Assert.True(dns.EnableDnsSupport);
    }

    [AwsContractFact]
    public async Task Security_groups_by_tags_in_the_vpc_as_the_security_group_selector_matches_them()
    {
        var app = (await _net.Ec2.CreateSecurityGroupAsync(new Amazon.EC2.Model.CreateSecurityGroupRequest
        {
            VpcId = _net.VpcId, GroupName = "app-" + _net.RunId, Description = "app",
            TagSpecifications = [new() { ResourceType = "security-group", Tags = [new("Name", "app"), new("run", _net.RunId)] }],
        })).GroupId;
        var selector = new Dictionary<string, string> { ["Name"] = "vpc-endpoints" };

        var byTags = await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId], Tags = selector }, default);
        var found = Assert.Single(byTags);
        Assert.Equal(_net.SecurityGroupId, found.GroupId);
        Assert.Equal("vpc-endpoints", found.Tags["Name"]);
        // Every tag must match (tag:KEY filters are ANDed).
        Assert.Empty(await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery
        {
            VpcIds = [_net.VpcId], Tags = new Dictionary<string, string> { ["Name"] = "vpc-endpoints", ["run"] = "another-run" },
        }, default));
        Assert.Equal([app], (await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery
        {
            VpcIds = [_net.VpcId], Tags = new Dictionary<string, string> { ["Name"] = "app", ["run"] = _net.RunId },
        }, default)).Select(g => g.GroupId));

        // The resolver matches the selector on the VPC's groups as the snapshot reads them (tags included): EC2's filter
        // and that match agree, so the simulator's and the operator's reading of a selector is AWS's.
        var inVpc = await Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = [_net.VpcId] }, default);
        Assert.Contains(inVpc, g => g.GroupName == "default");
        Assert.Equal(byTags.Select(g => g.GroupId), inVpc.Where(g => TagSelectors.Match(g.Tags, selector)).Select(g => g.GroupId));
    }

    [AwsContractFact]
    public async Task An_unknown_vpc_is_a_NotFound_error()
    {
        var e = await Assert.ThrowsAsync<AwsApiException>(() => Ec2.DescribeVpcsAsync(AwsNetwork.Region, new ResourceQuery { Ids = ["vpc-0000dead"] }, default));
        Assert.True(e.IsNotFound, e.Code);
        Assert.Equal(AwsErrorCodes.InvalidVpcIdNotFound, e.Code);
    }
}
