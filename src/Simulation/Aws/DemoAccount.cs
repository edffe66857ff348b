using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// A typical account for the demo: a VPC tagged Name=demo-vpc (DNS support and hostnames on), private subnets
/// tagged tier=private and public ones tagged tier=public in three zones, a private route table per zone
/// (tier=private, only the local route), a public one (tier=public, through an internet gateway), an endpoint security
/// group tagged Name=vpc-endpoints allowing HTTPS from the VPC, and an S3 bucket in the region. The manifests in examples/
/// find all of it by those tags, never by id, as they would in any account that carries them. Beside them, the mistakes
/// the labs make: an app subnet (tier=app) left on the main route table, whose default route goes through a NAT gateway;
/// an app security group carried by the app's network interface, and an endpoint group that admits HTTPS only from it; a
/// network ACL (Name=deny-https) on the app subnet whose rule 90 drops TCP 443. The IAM roles auditor, break-glass and vpce-operator
/// exist, for bucket policies to name.
/// </summary>
public sealed class DemoAccount
{
    private DemoAccount(string region, string vpcId, string bucketName)
    {
        Region = region;
        VpcId = vpcId;
        BucketName = bucketName;
    }

    /// <summary>The simulated account (the default caller's).</summary>
    public const string AccountId = "123456789012";

    public string Region { get; }
    public string VpcId { get; }
    public string BucketName { get; }
    public List<string> PrivateSubnetIds { get; } = [];
    public List<string> PublicSubnetIds { get; } = [];
    public List<string> PrivateRouteTableIds { get; } = [];
    public string PublicRouteTableId { get; private set; } = "";
    public string EndpointSecurityGroupId { get; private set; } = "";
    /// <summary>tier=app: no explicit route table association, so it uses the main table (default route via NAT).</summary>
    public string AppSubnetId { get; private set; } = "";
    public string MainRouteTableId { get; private set; } = "";
    public string NatGatewayId { get; private set; } = "";
    /// <summary>The app's security group, carried by <see cref="AppNetworkInterfaceId"/>.</summary>
    public string AppSecurityGroupId { get; private set; } = "";
    public string AppNetworkInterfaceId { get; private set; } = "";
    /// <summary>An endpoint group admitting TCP 443 only from <see cref="AppSecurityGroupId"/>.</summary>
    public string AppEndpointSecurityGroupId { get; private set; } = "";
    /// <summary>Associated with the app subnet: rule 90 denies TCP 443 in, rule 100 allows all else both ways.</summary>
    public string DenyHttpsNetworkAclId { get; private set; } = "";
    public string OtherRegionBucketName { get; private set; } = "";

    public static DemoAccount Build(SimulatedWorld world, string region = "eu-west-1", string vpcName = "demo-vpc", string bucketName = "vpce-demo-bucket")
    {
        const string vpcCidr = "10.0.0.0/16";
        world.AddRegion(region);
        var vpcId = world.CreateVpc(region, vpcCidr, new Dictionary<string, string> { ["Name"] = vpcName }, enableDnsSupport: true, enableDnsHostnames: true);
        var account = new DemoAccount(region, vpcId, bucketName);

        account.PublicRouteTableId = world.CreateRouteTable(vpcId, Tags("tier", "public", "Name", $"{vpcName}-public"));
        world.AddRoute(account.PublicRouteTableId, "0.0.0.0/0", world.NewInternetGatewayId());
        var zones = new[] { "a", "b", "c" };
        for (var i = 0; i < zones.Length; i++)
        {
            var zone = region + zones[i];
            var privateSubnet = world.CreateSubnet(vpcId, zone, $"10.0.{i + 1}.0/24", Tags("tier", "private", "Name", $"{vpcName}-private-{zone}"));
            var publicSubnet = world.CreateSubnet(vpcId, zone, $"10.0.{i + 101}.0/24", Tags("tier", "public", "Name", $"{vpcName}-public-{zone}"));
            var privateTable = world.CreateRouteTable(vpcId, Tags("tier", "private", "Name", $"{vpcName}-private-{zone}"));
            // As in the labs: the private tables have no route to the internet (no NAT), only the local route.
            world.AssociateSubnet(privateTable, privateSubnet);
            world.AssociateSubnet(account.PublicRouteTableId, publicSubnet);
            account.PrivateSubnetIds.Add(privateSubnet);
            account.PublicSubnetIds.Add(publicSubnet);
            account.PrivateRouteTableIds.Add(privateTable);
        }
        account.EndpointSecurityGroupId = world.CreateSecurityGroup(vpcId, "vpc-endpoints",
            [new AwsIngressRule("tcp", 443, 443, [vpcCidr], [])], Tags("Name", "vpc-endpoints"));

        // The labs' workload subnet nobody associated: it uses the main route table, whose default route is the NAT gateway.
        account.MainRouteTableId = world.MainRouteTableId(vpcId);
        account.NatGatewayId = world.NewNatGatewayId();
        world.AddRoute(account.MainRouteTableId, "0.0.0.0/0", account.NatGatewayId);
        account.AppSubnetId = world.CreateSubnet(vpcId, region + "a", "10.0.10.0/24", Tags("tier", "app", "Name", $"{vpcName}-app-{region}a"));
        account.AppSecurityGroupId = world.CreateSecurityGroup(vpcId, "app", [], Tags("Name", "app"));
        account.AppNetworkInterfaceId = world.CreateNetworkInterface(account.AppSubnetId, [account.AppSecurityGroupId], Tags("Name", "app-instance"));
        account.AppEndpointSecurityGroupId = world.CreateSecurityGroup(vpcId, "app-endpoints",
            [new AwsIngressRule("tcp", 443, 443, [], [account.AppSecurityGroupId])], Tags("Name", "app-endpoints"));
        account.DenyHttpsNetworkAclId = world.CreateNetworkAcl(vpcId, Tags("Name", "deny-https"));
        world.AddNetworkAclEntry(account.DenyHttpsNetworkAclId, 90, egress: false, "tcp", allow: false, "0.0.0.0/0", 443, 443);
        world.AddNetworkAclEntry(account.DenyHttpsNetworkAclId, 100, egress: false, "-1", allow: true, "0.0.0.0/0");
        world.AddNetworkAclEntry(account.DenyHttpsNetworkAclId, 100, egress: true, "-1", allow: true, "0.0.0.0/0");
        world.AssociateNetworkAcl(account.DenyHttpsNetworkAclId, account.AppSubnetId);
        world.CreateBucket(bucketName, region);
        // The roles the demo's bucket policies name: S3 refuses a policy naming a principal that does not exist.
        foreach (var role in new[] { "auditor", "break-glass", "vpce-operator" })
            world.CreateIamRole($"arn:aws:iam::{AccountId}:role/{role}");
        // A second bucket in another region: a gateway endpoint only reaches buckets of its own region.
        account.OtherRegionBucketName = bucketName + "-us-east-1";
        world.CreateBucket(account.OtherRegionBucketName, "us-east-1");
        return account;
    }

    private static Dictionary<string, string> Tags(params string[] pairs)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2)
            tags[pairs[i]] = pairs[i + 1];
        return tags;
    }
}
