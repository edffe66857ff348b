using Vpce.Operator.Demo;

namespace Vpce.Tests.Component;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_converges_shows_the_table_and_puts_the_removed_route_table_back()
    {
        var output = new StringWriter();
        var exit = await new DemoCommand(output).RunAsync(new DemoOptions(), default);
        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("NAME               TYPE        SERVICE", text);
        foreach (var name in new[] { "s3-private", "ssm", "ssmmessages", "ec2messages", "dynamodb-private", "kms" })
        {
            Assert.Matches($@"(?m)^{name}\s+\S+\s+\S+\s+vpce-[0-9a-f]+\s+available\s+True\s+False", text);
        }
        Assert.Contains("DriftDetected", text);
        Assert.Contains("Drifted=False DriftCorrected", text);
        Assert.Matches(@"(?m)^reports-private\s+vpce-demo-bucket\s+\[""vpce-[0-9a-f]+""\]\s+True\s+False", text);
        Assert.Contains("\"Sid\": \"ReadForAuditors\"", text);
        Assert.Contains("\"Sid\": \"VpceReportsPrivatePlatform\"", text);
        Assert.Contains("reports-us Ready=False RegionMismatch", text);
        Assert.Contains("uploads-private Ready=False WouldLockOutOperator", text);
        Assert.Contains("both buckets' policies are untouched", text);
        Assert.Matches(@"s3-private RoutesCovered=False SubnetsUncovered: .*subnet-[0-9a-f]+ \(the main route table rtb-[0-9a-f]+\) sends it to NAT gateway nat-", text);
        Assert.Contains("s3-private RoutesCovered=True SubnetsCovered: all 1 subnets named in the spec", text);
        Assert.Matches(@"sts HttpsAllowed=True HttpsAdmitted: sg-[0-9a-f]+ admits TCP 443 from security group sg-[0-9a-f]+ \(carried by 1 network interface", text);
        Assert.Matches(@"sts NetworkAclAllows=False AclDeniesHttps: network ACL acl-[0-9a-f]+ of subnet-[0-9a-f]+: inbound TCP 443 from 10.0.0.0/16 is denied by rule 90", text);
        Assert.Matches(@"(?m)^  ssm CompanionsPresent=False CompanionsMissing: .*ec2messages is missing", text);
        Assert.Matches(@"(?m)^  ssmmessages CompanionsPresent=False CompanionsMissing: .*ec2messages is missing", text);
        Assert.Matches(@"(?m)^  ssm CompanionsPresent=True CompanionsPresent: Session Manager: ssm \(vpce-", text);
        Assert.Matches(@"(?m)^    AWS_REGION: eu-west-1$", text);
        Assert.Matches(@"(?m)^    AWS_ENDPOINT_URL_S3: https://s3\.eu-west-1\.amazonaws\.com$", text);
        Assert.Matches(@"(?m)^    VPC_ENDPOINT_ID: vpce-[0-9a-f]+$", text);
        Assert.Contains("s3-private PolicyLint=False BucketInOtherRegion: ", text);
        Assert.Contains("vpce-demo-bucket-us-east-1, which is in us-east-1", text);
        // Many accounts: the endpoint in the workload account, the statement in the data account, the tenant refused.
        Assert.Matches(@"(?m)^payments-prod\s+222233334444\s+arn:aws:iam::222233334444:role/vpce-operator/payments-prod\s+True\s+2\s", text);
        Assert.Matches(@"(?m)^payments-data\s+555566667777\s+\S+\s+True\s+1\s", text);
        Assert.Matches(@"payments/s3: endpoint vpce-[0-9a-f]+ in account 222233334444", text);
        Assert.Contains("sandbox/s3 Synced=False AccountNotAllowed: spec.accountRef: AwsAccount payments-prod does not admit namespace sandbox", text);
        Assert.Contains("per account: 123456789012 0, 222233334444 1, 555566667777 0", text);
        Assert.Contains("\"Sid\": \"VpceLedgerPayments\"", text);
        Assert.Matches(@"(?m)^  in account 555566667777: s3:GetBucketLocation \d+, s3:GetBucketPolicy \d+, s3:PutBucketPolicy 1", text);
    }

    [Theory]
    [InlineData(44, "44s")]
    [InlineData(120, "2m")]
    [InlineData(192, "3m12s")]
    [InlineData(7500, "2h5m")]
    [InlineData(3 * 86400 + 5, "3d")]
    public void Ages_read_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, KubectlTable.Age(TimeSpan.FromSeconds(seconds)));
}
