using Microsoft.Extensions.Time.Testing;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>A simulated account in eu-west-1: one VPC (DNS on) with subnets in a, b, c (and a second in a), two route tables and an app security group.</summary>
internal sealed class TestAccount
{
    public const string Region = "eu-west-1";
    public const string S3 = "com.amazonaws.eu-west-1.s3";
    public const string Ssm = "com.amazonaws.eu-west-1.ssm";

    public TestAccount(AwsSimulatorOptions? options = null)
    {
        Aws = new AwsSimulator(Time, options ?? new AwsSimulatorOptions { Seed = 42 });
        var world = Aws.World;
        VpcId = world.CreateVpc(Region, "10.0.0.0/16", new Dictionary<string, string> { ["Name"] = "demo-vpc" }, enableDnsSupport: true, enableDnsHostnames: true);
        SubnetA = world.CreateSubnet(VpcId, "eu-west-1a", "10.0.1.0/24");
        SubnetB = world.CreateSubnet(VpcId, "eu-west-1b", "10.0.2.0/24");
        SubnetC = world.CreateSubnet(VpcId, "eu-west-1c", "10.0.3.0/24");
        SubnetA2 = world.CreateSubnet(VpcId, "eu-west-1a", "10.0.4.0/24");
        RouteTable1 = world.CreateRouteTable(VpcId, new Dictionary<string, string> { ["tier"] = "private" });
        RouteTable2 = world.CreateRouteTable(VpcId);
        world.AssociateSubnet(RouteTable1, SubnetA);
        AppGroup = world.CreateSecurityGroup(VpcId, "app", [new AwsIngressRule("tcp", 443, 443, ["10.0.0.0/16"], [])]);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public AwsSimulator Aws { get; }
    public IEc2Api Ec2 => Aws.Ec2;
    public string VpcId { get; }
    public string SubnetA { get; }
    public string SubnetB { get; }
    public string SubnetC { get; }
    public string SubnetA2 { get; }
    public string RouteTable1 { get; }
    public string RouteTable2 { get; }
    public string AppGroup { get; }

    public CreateEndpointRequest Gateway(params string[] routeTables) => new()
    {
        VpcId = VpcId, ServiceName = S3, Type = "Gateway", ClientToken = Guid.NewGuid().ToString(), RouteTableIds = routeTables,
    };

    public CreateEndpointRequest Interface(params string[] subnets) => new()
    {
        VpcId = VpcId, ServiceName = Ssm, Type = "Interface", ClientToken = Guid.NewGuid().ToString(), SubnetIds = subnets,
    };

    public Task<AwsEndpoint> CreateAsync(CreateEndpointRequest request) => Ec2.CreateVpcEndpointAsync(Region, request, CancellationToken.None);

    public async Task<AwsEndpoint> DescribeAsync(string endpointId) =>
        Assert.Single(await Ec2.DescribeVpcEndpointsAsync(Region, new EndpointQuery { EndpointIds = [endpointId] }, CancellationToken.None));

    public async Task<AwsRouteTable> RouteTableAsync(string routeTableId) =>
        Assert.Single(await Ec2.DescribeRouteTablesAsync(Region, new ResourceQuery { Ids = [routeTableId] }, CancellationToken.None));
}
