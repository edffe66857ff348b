using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.Aws;

/// <summary>The regional snapshot's reads on the real adapter against a real AWS-compatible endpoint: the tag-filtered,
/// paged DescribeVpcEndpoints of one cluster's endpoints, and the vpc-id filtered route tables, subnets, groups and endpoints.</summary>
public sealed class SnapshotReadsContractTests : IClassFixture<AwsNetwork>
{
    private readonly AwsNetwork _net;

    public SnapshotReadsContractTests(AwsNetwork net) => _net = net;

    [AwsContractFact]
    public async Task Owned_endpoints_by_the_cluster_tag_and_a_vpcs_route_tables_subnets_and_groups()
    {
        var cluster = "snap-" + _net.RunId;
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await Create(OwnershipTags.For(cluster, "platform", $"s3-{i}"), $"mine-{i}")).VpcEndpointId);
        }
        var other = await Create(OwnershipTags.For("another-" + _net.RunId, "platform", "s3-0"), "other");
        var snapshot = new EndpointSnapshot(_net.Apis.Ec2, TimeProvider.System, cluster, TimeSpan.FromMinutes(2));

        var owned = await snapshot.OwnedEndpointsAsync(AwsNetwork.Region, default);
        Assert.Equal(mine.Order(), owned.Keys.Order());
        Assert.DoesNotContain(other.VpcEndpointId, owned.Keys);
        Assert.All(owned.Values, e => Assert.Equal(cluster, e.Tags[OwnershipTags.Cluster]));

        var tables = await snapshot.RouteTablesAsync(AwsNetwork.Region, _net.VpcId, default);
        Assert.Superset(_net.RouteTableIds.ToHashSet(), tables.Select(t => t.RouteTableId).ToHashSet());
        Assert.All(tables, t => Assert.Equal(_net.VpcId, t.VpcId));
        Assert.Contains(tables, t => t.IsMain);
        var subnets = await snapshot.SubnetsAsync(AwsNetwork.Region, _net.VpcId, default);
        Assert.Equal(_net.SubnetIds.Order(), subnets.Select(s => s.SubnetId).Order());
        var groups = await snapshot.SecurityGroupsAsync(AwsNetwork.Region, _net.VpcId, default);
        Assert.Contains(groups, g => g.GroupId == _net.SecurityGroupId);
        Assert.Contains(groups, g => g.GroupName == "default");
        Assert.Contains(await snapshot.VpcsAsync(AwsNetwork.Region, default), v => v.VpcId == _net.VpcId);
    }

    [AwsContractFact]
    public async Task One_read_of_route_tables_subnets_and_groups_covers_every_vpc_in_use()
    {
        var second = (await _net.Ec2.CreateVpcAsync(new Amazon.EC2.Model.CreateVpcRequest { CidrBlock = "10.21.0.0/16" })).Vpc.VpcId;
        var subnet = (await _net.Ec2.CreateSubnetAsync(new Amazon.EC2.Model.CreateSubnetRequest { VpcId = second, CidrBlock = "10.21.1.0/24", AvailabilityZone = "eu-west-1a" })).Subnet.SubnetId;
        var table = (await _net.Ec2.CreateRouteTableAsync(new Amazon.EC2.Model.CreateRouteTableRequest { VpcId = second })).RouteTable.RouteTableId;
        IReadOnlyList<string> both = [_net.VpcId, second];

        // The adapter sends one vpc-id filter with both values.
        var tables = await _net.Apis.Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = both }, default);
        Assert.Superset(_net.RouteTableIds.Append(table).ToHashSet(), tables.Select(t => t.RouteTableId).ToHashSet());
        Assert.All(tables, t => Assert.Contains(t.VpcId, both));
        var subnets = await _net.Apis.Ec2.DescribeSubnetsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = both }, default);
        Assert.Equal(_net.SubnetIds.Append(subnet).Order(), subnets.Select(s => s.SubnetId).Order());
        var groups = await _net.Apis.Ec2.DescribeSecurityGroupsAsync(AwsNetwork.Region, new ResourceQuery { VpcIds = both }, default);
        Assert.Equal(both.Order(), groups.Where(g => g.GroupName == "default").Select(g => g.VpcId).Order());

        // The snapshot reads both VPCs at once from the second window on, and splits the answer by VPC.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var snapshot = new EndpointSnapshot(_net.Apis.Ec2, time, "snap-" + _net.RunId, TimeSpan.FromMinutes(2));
        await snapshot.SubnetsAsync(AwsNetwork.Region, _net.VpcId, default);
        await snapshot.SubnetsAsync(AwsNetwork.Region, second, default);
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(_net.SubnetIds.Order(), (await snapshot.SubnetsAsync(AwsNetwork.Region, _net.VpcId, default)).Select(s => s.SubnetId).Order());
        Assert.Equal([subnet], (await snapshot.SubnetsAsync(AwsNetwork.Region, second, default)).Select(s => s.SubnetId));
    }

    [AwsContractFact]
    public async Task One_read_of_endpoints_covers_every_vpc_in_use_whoever_made_them()
    {
        var second = (await _net.Ec2.CreateVpcAsync(new Amazon.EC2.Model.CreateVpcRequest { CidrBlock = "10.22.0.0/16" })).Vpc.VpcId;
        var foreign = await Create(new Dictionary<string, string> { ["team"] = "data" }, "foreign");
        var elsewhere = await _net.Apis.Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = second, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = $"{_net.RunId}-elsewhere",
        }, default);
        IReadOnlyList<string> both = [_net.VpcId, second];

        // The adapter sends one vpc-id filter with both values; endpoints without any ownership tag are in it too.
        var endpoints = await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = both }, default);
        Assert.Contains(endpoints, e => e.VpcEndpointId == foreign.VpcEndpointId && e.VpcId == _net.VpcId);
        Assert.Contains(endpoints, e => e.VpcEndpointId == elsewhere.VpcEndpointId && e.VpcId == second);
        Assert.All(endpoints, e => Assert.Contains(e.VpcId, both));

        // The snapshot reads both VPCs at once from the second window on, and splits the answer by VPC. The cluster's own
        // endpoints are the owned read's, not kept a second time; another cluster's are anybody's.
        var cluster = "snap-vpc-" + _net.RunId;
        var ours = await Create(OwnershipTags.For(cluster, "platform", "s3"), "ours");
        var theirs = await Create(OwnershipTags.For("another-vpc-" + _net.RunId, "platform", "s3"), "theirs");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var snapshot = new EndpointSnapshot(_net.Apis.Ec2, time, cluster, TimeSpan.FromMinutes(2));
        var first = await snapshot.VpcEndpointsAsync(AwsNetwork.Region, _net.VpcId, default);
        Assert.Contains(first, e => e.VpcEndpointId == theirs.VpcEndpointId);
        Assert.DoesNotContain(first, e => e.VpcEndpointId == ours.VpcEndpointId);
        Assert.Contains(ours.VpcEndpointId, (await snapshot.OwnedEndpointsAsync(AwsNetwork.Region, default)).Keys);
        await snapshot.VpcEndpointsAsync(AwsNetwork.Region, second, default);
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Contains(await snapshot.VpcEndpointsAsync(AwsNetwork.Region, _net.VpcId, default), e => e.VpcEndpointId == foreign.VpcEndpointId);
        Assert.Equal([elsewhere.VpcEndpointId], (await snapshot.VpcEndpointsAsync(AwsNetwork.Region, second, default)).Select(e => e.VpcEndpointId));
    }

    [AwsContractFact]
    public async Task A_services_details_say_whether_it_supports_endpoint_policies()
    {
        var ssm = Assert.Single(await _net.Apis.Ec2.DescribeVpcEndpointServicesAsync(AwsNetwork.Region, ["com.amazonaws.eu-west-1.ssm"], default),
            s => s.ServiceName == "com.amazonaws.eu-west-1.ssm");
        Assert.True(ssm.PolicySupported);
        Assert.Equal("ssm.eu-west-1.amazonaws.com", ssm.PrivateDnsName);
    }

    /// <summary>Owner, which ServiceOwnerNotAllowed is decided on: moto answers <c>amazon</c> for each of its AWS services, one
    /// detail per type (s3 twice), as AWS does. A PrivateLink service's owner (the provider's account) is not read here:
    /// moto makes one only over a Network Load Balancer it holds, which this rig does not create.</summary>
    [AwsContractFact]
    public async Task An_aws_services_owner_is_amazon()
    {
        var details = await _net.Apis.Ec2.DescribeVpcEndpointServicesAsync(AwsNetwork.Region,
            ["com.amazonaws.eu-west-1.ssm", "com.amazonaws.eu-west-1.s3"], default);
        Assert.Equal(3, details.Count);
        Assert.All(details, d => Assert.Equal("amazon", d.Owner));
    }

    private Task<AwsEndpoint> Create(IReadOnlyDictionary<string, string> tags, string name) =>
        _net.Apis.Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = $"{_net.RunId}-{name}", Tags = tags,
        }, default);
}
