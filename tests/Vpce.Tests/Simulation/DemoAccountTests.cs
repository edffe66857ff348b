using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

public sealed class DemoAccountTests
{
    [Fact]
    public async Task The_demo_account_resolves_by_tags_and_takes_an_interface_endpoint_in_every_private_subnet()
    {
        var aws = new AwsSimulator(options: new AwsSimulatorOptions { Seed = 1 });
        var demo = DemoAccount.Build(aws.World);
        var none = CancellationToken.None;

        var vpc = Assert.Single(await aws.Ec2.DescribeVpcsAsync(demo.Region, new ResourceQuery { Tags = new Dictionary<string, string> { ["Name"] = "demo-vpc" } }, none));
        var privateSubnets = await aws.Ec2.DescribeSubnetsAsync(demo.Region, new ResourceQuery { VpcIds = [vpc.VpcId], Tags = new Dictionary<string, string> { ["tier"] = "private" } }, none);
        var privateTables = await aws.Ec2.DescribeRouteTablesAsync(demo.Region, new ResourceQuery { VpcIds = [vpc.VpcId], Tags = new Dictionary<string, string> { ["tier"] = "private" } }, none);
        Assert.Equal(demo.PrivateSubnetIds, privateSubnets.Select(s => s.SubnetId));
        Assert.Equal(demo.PrivateRouteTableIds, privateTables.Select(t => t.RouteTableId));

        var endpoint = await aws.Ec2.CreateVpcEndpointAsync(demo.Region, new CreateEndpointRequest
        {
            VpcId = vpc.VpcId, ServiceName = "com.amazonaws.eu-west-1.ssm", Type = "Interface", ClientToken = "t",
            SubnetIds = demo.PrivateSubnetIds, SecurityGroupIds = [demo.EndpointSecurityGroupId],
        }, none);
        Assert.True(endpoint.PrivateDnsEnabled);
        Assert.Equal(3, endpoint.NetworkInterfaceIds.Count);
        Assert.Equal(demo.Region, await aws.S3.GetBucketRegionAsync(demo.BucketName, null, none));
    }
}
