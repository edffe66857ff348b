using Amazon.EC2;
using Amazon.EC2.Model;

namespace Vpce.Tests.Contract.Aws;

/// <summary>The labs' network on the real endpoint, tagged as the manifests of examples/ select it: a VPC Name=demo-vpc,
/// private subnets and route tables tier=private in two zones, the endpoints' security group Name=vpc-endpoints admitting
/// 443 from the VPC. The examples apply to it unchanged. Their vpcSelector must match one VPC in the region, so the
/// network is removed on Dispose, and one an earlier run left behind (tagged vpce.io/contract=labs) before it is built.</summary>
public sealed class LabsNetwork : IDisposable
{
    private const string Marker = "vpce.io/contract";

    public LabsNetwork()
    {
        lock (AwsNetwork.Setup)
        {
            var url = AwsNetwork.EndpointUrl();
            Ec2 = new AmazonEC2Client(new AmazonEC2Config { ServiceURL = url, AuthenticationRegion = AwsNetwork.Region });
            AwsNetwork.WarmUp(url, Ec2);
            foreach (var leftover in Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:" + Marker, ["labs"])] }).Result.Vpcs ?? [])
                Remove(leftover.VpcId);

            VpcId = Ec2.CreateVpcAsync(new CreateVpcRequest
            {
                CidrBlock = "10.0.0.0/16", TagSpecifications = [AwsNetwork.Tags("vpc", ("Name", "demo-vpc"), (Marker, "labs"))],
            }).Result.Vpc.VpcId;
            Ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = VpcId, EnableDnsHostnames = true }).Wait();
            foreach (var (zone, i) in new[] { "a", "b" }.Select((zone, i) => (zone, i)))
            {
                var subnet = Ec2.CreateSubnetAsync(new CreateSubnetRequest
                {
                    VpcId = VpcId, CidrBlock = $"10.0.{i + 1}.0/24", AvailabilityZone = AwsNetwork.Region + zone,
                    TagSpecifications = [AwsNetwork.Tags("subnet", ("tier", "private"), ("Name", $"demo-vpc-private-{zone}"))],
                }).Result.Subnet.SubnetId;
                var table = Ec2.CreateRouteTableAsync(new CreateRouteTableRequest
                {
                    VpcId = VpcId, TagSpecifications = [AwsNetwork.Tags("route-table", ("tier", "private"), ("Name", $"demo-vpc-private-{zone}"))],
                }).Result.RouteTable.RouteTableId;
                Ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = table, SubnetId = subnet }).Wait();
            }
            SecurityGroupId = Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                VpcId = VpcId, GroupName = "vpc-endpoints", Description = "endpoints",
                TagSpecifications = [AwsNetwork.Tags("security-group", ("Name", "vpc-endpoints"))],
            }).Result.GroupId;
            Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = SecurityGroupId,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.0.0.0/16" }] }],
            }).Wait();
        }
    }

    public IAmazonEC2 Ec2 { get; }
    public string VpcId { get; }
    public string SecurityGroupId { get; }

    /// <summary>A VPC and what is in it: endpoints first (a Retain example leaves its endpoint), then groups, tables,
    /// subnets. Best effort: what cannot go now is removed by the next run.</summary>
    private void Remove(string vpcId)
    {
        var inVpc = new List<Filter> { new("vpc-id", [vpcId]) };
        var endpoints = Ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = inVpc }).Result.VpcEndpoints ?? [];
        if (endpoints.Count > 0)
            Try(() => Ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = endpoints.Select(e => e.VpcEndpointId).ToList() }));
        foreach (var group in Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = inVpc }).Result.SecurityGroups ?? [])
            if (group.GroupName != "default") Try(() => Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId }));
        foreach (var table in Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = inVpc }).Result.RouteTables ?? [])
        {
            if (table.Associations?.Any(a => a.Main == true) == true) continue;
            foreach (var association in table.Associations ?? [])
                Try(() => Ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association.RouteTableAssociationId }));
            Try(() => Ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = table.RouteTableId }));
        }
        foreach (var subnet in Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = inVpc }).Result.Subnets ?? [])
            Try(() => Ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = subnet.SubnetId }));
        Try(() => Ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = vpcId }));
    }

    private static void Try(Func<Task> call)
    {
        try
        {
            call().Wait();
        }
        catch (AggregateException e) when (e.InnerException is AmazonEC2Exception)
        {
            // Gone already, or still in use: the next run's clean-up tries again.
        }
    }

    public void Dispose()
    {
        lock (AwsNetwork.Setup) Remove(VpcId);
        Ec2.Dispose();
    }
}
