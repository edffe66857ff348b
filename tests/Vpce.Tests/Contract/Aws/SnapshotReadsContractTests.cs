using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.Aws;

/// <summary>The regional snapshot's reads on the real adapter against a real AWS-compatible endpoint: the tag-filtered,
/// paged DescribeVpcEndpoints of one cluster's endpoints, and the vpc-id filtered route tables, subnets and groups.</summary>
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

    private Task<AwsEndpoint> Create(IReadOnlyDictionary<string, string> tags, string name) =>
        _net.Apis.Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = _net.VpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = $"{_net.RunId}-{name}", Tags = tags,
        }, default);
}
