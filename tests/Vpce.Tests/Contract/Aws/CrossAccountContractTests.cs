using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.Aws;

/// <summary>
/// The SDK adapters across accounts: STS AssumeRole, and the ports acting with its credentials (<see cref="IAwsApis.ActingAs"/>,
/// the SDK clients asking for the credentials before every request). moto 4.1.4 answers AssumeRole for any role ARN (the role
/// need not exist, its trust is not checked: the simulator's tests check trust) with credentials that act in the role's
/// account, and GetCallerIdentity with them names that account but the ARN arn:aws:sts::ACCOUNT:user/moto, where AWS names
/// the assumed-role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).
/// </summary>
public sealed class CrossAccountContractTests : IClassFixture<AwsNetwork>
{
    private const string Account = "222233334444";
    private const string Role = "arn:aws:iam::222233334444:role/vpce-contract";
    private readonly AwsNetwork _net;

    public CrossAccountContractTests(AwsNetwork net) => _net = net;

    private async Task<AssumedRole> AssumeAsync() =>
        await _net.Apis.Sts.AssumeRoleAsync(AwsNetwork.Region, new AssumeRoleRequest(Role, "contract-" + _net.RunId, "ext-" + _net.RunId,
            new Dictionary<string, string> { ["cluster"] = "contract" }, TimeSpan.FromHours(1)), default);

    private static SessionAWSCredentials Sdk(AwsSessionCredentials c) => new(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);

    [AwsContractFact]
    public async Task Assume_role_answers_credentials_of_the_role_account()
    {
        var role = await AssumeAsync();

        Assert.False(string.IsNullOrEmpty(role.Credentials.AccessKeyId));
        Assert.False(string.IsNullOrEmpty(role.Credentials.SecretAccessKey));
        Assert.False(string.IsNullOrEmpty(role.Credentials.SessionToken));
        Assert.True(role.Credentials.Expiration > DateTimeOffset.UtcNow);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/vpce-contract/contract-{_net.RunId}", role.AssumedRoleArn);
        Assert.EndsWith(":contract-" + _net.RunId, role.AssumedRoleId, StringComparison.Ordinal);

        var identity = await _net.Apis.ActingAs(() => role.Credentials).Sts.GetCallerIdentityAsync(AwsNetwork.Region, default);
        Assert.Equal(Account, identity.Account);
        // AWS: the assumed-role ARN; moto 4.1.4: arn:aws:sts::ACCOUNT:user/moto. Only the account is the contract here.
        Assert.StartsWith($"arn:aws:sts::{Account}:", identity.Arn, StringComparison.Ordinal);
        Assert.NotEqual(Account, (await _net.Apis.Sts.GetCallerIdentityAsync(AwsNetwork.Region, default)).Account);
    }

    [AwsContractFact]
    public async Task An_endpoint_made_in_the_second_account_is_absent_from_the_first_and_deleted_there()
    {
        var role = await AssumeAsync();
        string vpcId, routeTableId;
        using (var ec2 = new AmazonEC2Client(Sdk(role.Credentials), new AmazonEC2Config
               { ServiceURL = AwsNetwork.EndpointUrl(), AuthenticationRegion = AwsNetwork.Region }))
        {
            vpcId = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.30.0.0/16" })).Vpc.VpcId;
            routeTableId = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpcId })).RouteTable.RouteTableId;
        }
        var second = _net.Apis.ActingAs(() => role.Credentials);

        var created = await second.Ec2.CreateVpcEndpointAsync(AwsNetwork.Region, new CreateEndpointRequest
        {
            VpcId = vpcId, ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway", ClientToken = _net.RunId + "-cross",
            RouteTableIds = [routeTableId], Tags = new Dictionary<string, string> { ["run"] = _net.RunId },
        }, default);

        var inSecond = Assert.Single(await second.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [vpcId] }, default));
        Assert.Equal(created.VpcEndpointId, inSecond.VpcEndpointId);
        Assert.DoesNotContain(await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery(), default),
            e => e.VpcEndpointId == created.VpcEndpointId);
        // The second account's VPC is no VPC of the first.
        var unknown = await Assert.ThrowsAsync<AwsApiException>(() =>
            _net.Apis.Ec2.DescribeVpcsAsync(AwsNetwork.Region, new ResourceQuery { Ids = [vpcId] }, default));
        Assert.Equal(AwsErrorCodes.InvalidVpcIdNotFound, unknown.Code);

        Assert.Empty(await second.Ec2.DeleteVpcEndpointsAsync(AwsNetwork.Region, [created.VpcEndpointId], default));
        Assert.All(await second.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [vpcId] }, default),
            e => Assert.Equal(EndpointStates.Deleted, e.State));
    }

    [AwsContractFact]
    public async Task A_bucket_policy_is_written_in_the_second_account()
    {
        var role = await AssumeAsync();
        var bucket = "contract-cross-" + _net.RunId;
        using (var s3 = new AmazonS3Client(Sdk(role.Credentials), new AmazonS3Config
               { ServiceURL = AwsNetwork.EndpointUrl(), ForcePathStyle = true, AuthenticationRegion = AwsNetwork.Region }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = S3Region.EUWest1 });
        }
        var second = _net.Apis.ActingAs(() => role.Credentials);
        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}}}]}"""
            .Replace("BUCKET", bucket, StringComparison.Ordinal);

        Assert.Equal(AwsNetwork.Region, await second.S3.GetBucketRegionAsync(bucket, null, default));
        await second.S3.PutBucketPolicyAsync(AwsNetwork.Region, bucket, policy, null, default);
        Assert.True(Vpce.Operator.Model.PolicyDocument.Equivalent(policy, (await second.S3.GetBucketPolicyAsync(AwsNetwork.Region, bucket, null, default))!));
        await second.S3.DeleteBucketPolicyAsync(AwsNetwork.Region, bucket, null, default);
        Assert.Null(await second.S3.GetBucketPolicyAsync(AwsNetwork.Region, bucket, null, default));
    }
}
