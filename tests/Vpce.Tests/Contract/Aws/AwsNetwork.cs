using Amazon.EC2;
using Amazon.EC2.Model;
using Vpce.Operator.Aws.Sdk;

namespace Vpce.Tests.Contract.Aws;

/// <summary>A fresh VPC on the real endpoint, made with the SDK directly: two subnets in two zones, three route tables,
/// a security group admitting 443 (tagged Name=vpc-endpoints, as the labs tag it). Tagged with a run id so runs never see
/// each other's resources.</summary>
public sealed class AwsNetwork : IDisposable
{
    public const string Region = "eu-west-1";

    // Test classes build their fixtures in parallel; a fresh moto loading its backends under concurrent first requests
    // has been seen to answer as if S3 had no endpoint service. One fixture at a time (LabsNetwork's too).
    internal static readonly object Setup = new();

    public AwsNetwork()
    {
        lock (Setup)
        {
            var url = EndpointUrl();
            Apis = new SdkAwsApis(new AwsConnectionOptions(Region, url));
            Ec2 = new AmazonEC2Client(new AmazonEC2Config { ServiceURL = url, AuthenticationRegion = Region });
            RunId = Guid.NewGuid().ToString("N")[..10];
            WarmUp(url, Ec2);

            VpcId = Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.20.0.0/16", TagSpecifications = [Tags("vpc", ("Name", "contract-" + RunId))] })
                .Result.Vpc.VpcId;
            SubnetIds = new[] { "a", "b" }.Select((zone, i) => Ec2.CreateSubnetAsync(new CreateSubnetRequest
            {
                VpcId = VpcId, CidrBlock = $"10.20.{i + 1}.0/24", AvailabilityZone = Region + zone,
                TagSpecifications = [Tags("subnet", ("tier", "private"), ("run", RunId))],
            }).Result.Subnet.SubnetId).ToList();
            RouteTableIds = Enumerable.Range(0, 3).Select(_ => Ec2.CreateRouteTableAsync(new CreateRouteTableRequest
            {
                VpcId = VpcId, TagSpecifications = [Tags("route-table", ("tier", "private"), ("run", RunId))],
            }).Result.RouteTable.RouteTableId).ToList();
            SecurityGroupId = Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                VpcId = VpcId, GroupName = "endpoints-" + RunId, Description = "endpoints",
                TagSpecifications = [Tags("security-group", ("Name", "vpc-endpoints"), ("run", RunId))],
            }).Result.GroupId;
            Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = SecurityGroupId,
                IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.20.0.0/16" }] }],
            }).Wait();
    
        }
    }

    public SdkAwsApis Apis { get; }
    public IAmazonEC2 Ec2 { get; }
    public string RunId { get; }
    public string VpcId { get; }
    public IReadOnlyList<string> SubnetIds { get; }
    public IReadOnlyList<string> RouteTableIds { get; }
    public string SecurityGroupId { get; }

    /// <summary>The endpoint's URL, with the credentials the SDK's chain wants set (moto accepts any).</summary>
    internal static string EndpointUrl()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        }
        return Environment.GetEnvironmentVariable(AwsContractFactAttribute.Variable)!;
    }

    /// <summary>moto lists a service's VPC endpoint service only once that service's backend has loaded, which it does on
    /// the service's first request (AWS lists them always): touch S3 first, then let moto build its catalogue here, outside
    /// any test and its call timeouts. Callers hold <see cref="Setup"/>.</summary>
    internal static void WarmUp(string url, IAmazonEC2 ec2)
    {
        using (var s3 = new Amazon.S3.AmazonS3Client(new Amazon.S3.AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = Region }))
        {
            s3.ListBucketsAsync().Wait();
        }
        ec2.DescribeVpcEndpointServicesAsync(new DescribeVpcEndpointServicesRequest { ServiceNames = ["com.amazonaws.eu-west-1.s3"] }).Wait();
    }

    internal static TagSpecification Tags(string resourceType, params (string Key, string Value)[] tags) =>
        new() { ResourceType = resourceType, Tags = tags.Select(t => new Amazon.EC2.Model.Tag(t.Key, t.Value)).ToList() };

    public void Dispose()
    {
        Apis.Dispose();
        Ec2.Dispose();
    }
}
