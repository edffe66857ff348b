using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>Ids not of EC2's shape (prefix, dash, 8 or 17 lowercase hex) are refused with the kind's Malformed code before
/// anything is looked up.</summary>
public sealed class MalformedIdTests
{
    private readonly TestAccount _account = new();
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Describe_by_a_malformed_id_is_the_kinds_Malformed_error()
    {
        var ec2 = _account.Ec2;
        Assert.Equal("InvalidVpcEndpointId.Malformed", (await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeVpcEndpointsAsync(TestAccount.Region, new EndpointQuery { EndpointIds = ["vpce-1"] }, None))).Code);
        Assert.Equal("InvalidVpcID.Malformed", (await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeVpcsAsync(TestAccount.Region, new ResourceQuery { Ids = ["vpc-nothex00"] }, None))).Code);
        Assert.Equal("InvalidRouteTableId.Malformed", (await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeRouteTablesAsync(TestAccount.Region, new ResourceQuery { Ids = [_account.RouteTable1, "rtb-1"] }, None))).Code);
        Assert.Equal("InvalidSubnetID.Malformed", (await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeSubnetsAsync(TestAccount.Region, new ResourceQuery { Ids = ["subnet-0A1B2C3D"] }, None))).Code);
        Assert.Equal("InvalidGroupId.Malformed", (await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeSecurityGroupsAsync(TestAccount.Region, new ResourceQuery { Ids = ["sg-123"] }, None))).Code);
        // Both of EC2's shapes are ids: the short form is looked up (and not found here).
        Assert.True((await Assert.ThrowsAsync<AwsApiException>(() =>
            ec2.DescribeVpcEndpointsAsync(TestAccount.Region, new EndpointQuery { EndpointIds = ["vpce-0a1b2c3d"] }, None))).IsNotFound);
    }

    [Fact]
    public async Task A_create_or_modify_naming_a_malformed_id_changes_nothing()
    {
        var create = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Interface("subnet-1")));
        Assert.Equal("InvalidSubnetID.Malformed", create.Code);
        Assert.True(create.IsMalformed);
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));

        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        var modify = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, AddRouteTableIds = ["rtb-x"] }, None));
        Assert.Equal("InvalidRouteTableId.Malformed", modify.Code);
        Assert.Equal([_account.RouteTable1], _account.Aws.World.FindEndpoint(endpoint.VpcEndpointId)!.RouteTableIds);
    }
}
