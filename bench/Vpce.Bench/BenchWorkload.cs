using Vpce.Crds;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Bench;

/// <summary>The account and the objects one size runs against: N endpoints over 10 VPCs in two regions (5 VPCs each), half
/// Gateway (s3 or dynamodb, each with a route table of its own, as AWS allows one gateway endpoint per service per route
/// table), half Interface (spread over the simulator's twelve interface services and two subnet sets; each endpoint in
/// one subnet per AZ). Objects are applied alternating region, VPC and type, so the work queue mixes them.</summary>
public static class BenchWorkload
{
    public const string Namespace = "bench";
    public const int VpcsPerRegion = 5;
    public static readonly IReadOnlyList<string> Regions = ["eu-west-1", "us-east-1"];
    public static int VpcCount => Regions.Count * VpcsPerRegion;

    private const int SubnetSets = 2;
    private static readonly string[] GatewayServices = ["s3", "dynamodb"];
    private static readonly string[] InterfaceServices =
        ["ssm", "ssmmessages", "ec2messages", "ec2", "kms", "sts", "logs", "secretsmanager", "ecr.api", "ecr.dkr", "s3", "dynamodb"];

    /// <summary>How many of the <paramref name="endpoints"/> fall in each region (regions pace their mutations independently).</summary>
    public static IReadOnlyDictionary<string, int> EndpointsPerRegion(int endpoints) => EndpointsPerRegion(endpoints, Regions);

    /// <summary>The same for one account's <paramref name="endpoints"/> over <paramref name="regions"/> (VPC v is in region v mod R).</summary>
    public static IReadOnlyDictionary<string, int> EndpointsPerRegion(int endpoints, IReadOnlyList<string> regions) =>
        regions.Select((region, r) => (region, count: Enumerable.Range(0, endpoints).Count(i => i % (regions.Count * VpcsPerRegion) % regions.Count == r)))
            .ToDictionary(x => x.region, x => x.count, StringComparer.Ordinal);

    /// <summary>Builds the VPCs, subnets and route tables in <paramref name="world"/> and stores the objects in
    /// <paramref name="store"/>; nothing exists on AWS for them yet.</summary>
    public static void Build(SimulatedWorld world, InMemoryResourceClient<VpcEndpoint> store, int endpoints)
    {
        var network = Network(world, Regions);
        for (var i = 0; i < endpoints; i++)
        {
            store.Apply(Object(world, network, i, Namespace));
        }
    }

    /// <summary>One account's VPCs: <see cref="VpcsPerRegion"/> per region, VPC v in region v mod R (apply order alternates regions).</summary>
    internal static IReadOnlyList<BenchVpc> Network(SimulatedWorld world, IReadOnlyList<string> regions) =>
        [.. Enumerable.Range(0, regions.Count * VpcsPerRegion).Select(v => BuildVpc(world, v, regions[v % regions.Count]))];

    /// <summary>The account's i-th object (its route table, for a gateway, made in <paramref name="world"/>), in
    /// <paramref name="namespace"/>, naming <paramref name="accountRef"/> when given.</summary>
    internal static VpcEndpoint Object(SimulatedWorld world, IReadOnlyList<BenchVpc> network, int i, string @namespace, string? accountRef = null)
    {
        var vpc = network[i % network.Count];
        var inVpc = i / network.Count;
        // Every other endpoint of a VPC is a gateway; each type then counts up on its own.
        var ofType = inVpc / 2;
        var endpoint = inVpc % 2 == 0 ? Gateway(world, vpc, ofType) : Interface(vpc, ofType);
        endpoint.Metadata.Namespace = @namespace;
        if (accountRef is not null) endpoint.Spec.AccountRef = new LocalObjectReference { Name = accountRef };
        return endpoint;
    }

    private static BenchVpc BuildVpc(SimulatedWorld world, int index, string region)
    {
        var name = $"bench-{index}";
        // Private DNS needs both DNS attributes on.
        var vpcId = world.CreateVpc(region, $"10.{index}.0.0/16", new Dictionary<string, string> { ["Name"] = name }, enableDnsHostnames: true);
        string[] zones = [$"{region}a", $"{region}b", $"{region}c"];
        for (var k = 0; k < SubnetSets * zones.Length; k++)
        {
            // /20s: room for thousands of endpoint interfaces per subnet.
            world.CreateSubnet(vpcId, zones[k % zones.Length], $"10.{index}.{16 * k}.0/20", new Dictionary<string, string>
            {
                ["tier"] = "private",
                ["set"] = (k / zones.Length).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        return new BenchVpc(region, name, vpcId, $"v{index}");
    }

    private static VpcEndpoint Gateway(SimulatedWorld world, BenchVpc vpc, int ofType)
    {
        var service = GatewayServices[ofType % GatewayServices.Length];
        var name = $"gw-{service}-{vpc.ShortName}-{ofType}";
        var routeTable = world.CreateRouteTable(vpc.VpcId, new Dictionary<string, string> { ["Name"] = name });
        return Endpoint(name, vpc, service, EndpointTypes.Gateway, spec => spec.RouteTableIds = [routeTable]);
    }

    private static VpcEndpoint Interface(BenchVpc vpc, int ofType)
    {
        var service = InterfaceServices[ofType % InterfaceServices.Length];
        var round = ofType / InterfaceServices.Length;
        var name = $"if-{service.Replace('.', '-')}-{vpc.ShortName}-{ofType}";
        return Endpoint(name, vpc, service, EndpointTypes.Interface, spec =>
        {
            spec.SubnetSelector = new TagSelector
            {
                Tags = { ["tier"] = "private", ["set"] = (round % SubnetSets).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            // A VPC takes one private hosted zone per service name: only the first endpoint of a service may have private DNS.
            spec.PrivateDnsEnabled = round == 0;
        });
    }

    private static VpcEndpoint Endpoint(string name, BenchVpc vpc, string service, string type, Action<VpcEndpointSpec> complete)
    {
        var spec = new VpcEndpointSpec
        {
            Region = vpc.Region,
            VpcSelector = new TagSelector { Tags = { ["Name"] = vpc.Name } },
            ServiceName = service,
            Type = type,
        };
        complete(spec);
        return new VpcEndpoint { Metadata = new ObjectMetadata { Name = name, Namespace = Namespace }, Spec = spec };
    }

    internal sealed record BenchVpc(string Region, string Name, string VpcId, string ShortName);
}
