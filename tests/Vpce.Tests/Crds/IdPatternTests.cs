using System.Text.RegularExpressions;
using Vpce.Crds.Schema;
using static Vpce.Tests.Crds.GeneratedCrds;

namespace Vpce.Tests.Crds;

/// <summary>The id patterns of the schema, run with the same regular expression the API server gets.</summary>
public sealed class IdPatternTests
{
    public static TheoryData<string, string, string> Ids => new()
    {
        // field, a real id that must pass, a malformed one that must fail
        { "vpcId", "vpc-0a1b2c3d4e5f67890", "vpc_x" },
        { "routeTableIds", "rtb-0a1b2c3d4e5f67890", "rtb_x" },
        { "subnetIds", "subnet-0a1b2c3d4e5f67890", "subnet_x" },
        { "securityGroupIds", "sg-0a1b2c3d4e5f67890", "sg_x" },
        { "endpointId", "vpce-0a1b2c3d4e5f67890", "vpce_x" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void VpcEndpoint_id_pattern_accepts_real_ids_and_rejects_malformed(string field, string valid, string invalid)
    {
        var pattern = ValuePattern(SpecField(VpcEndpointCrd, field));
        Assert.Matches(new Regex(pattern), valid);
        Assert.DoesNotMatch(new Regex(pattern), invalid);
        Assert.DoesNotMatch(new Regex(pattern), valid.ToUpperInvariant());
        Assert.DoesNotMatch(new Regex(pattern), valid + " ");
    }

    [Theory]
    [InlineData("vpcId", "sg-0a1b2c3d")]
    [InlineData("routeTableIds", "vpc-0a1b2c3d")]
    [InlineData("subnetIds", "sg-0a1b2c3d")]
    [InlineData("securityGroupIds", "subnet-0a1b2c3d")]
    [InlineData("endpointId", "vpc-0a1b2c3d")]
    public void VpcEndpoint_id_pattern_rejects_another_kind_of_id(string field, string otherId) =>
        Assert.DoesNotMatch(new Regex(ValuePattern(SpecField(VpcEndpointCrd, field))), otherId);

    [Fact]
    public void EndpointBucketPolicy_endpoint_ids_pattern()
    {
        var pattern = new Regex(ValuePattern(SpecField(EndpointBucketPolicyCrd, "vpcEndpointIds")));
        Assert.Matches(pattern, "vpce-0a1b2c3d4e5f67890");
        Assert.DoesNotMatch(pattern, "vpce_x");
    }

    [Theory]
    [InlineData("eu-west-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("EU-WEST-1", false)]
    [InlineData("euwest1", false)]
    public void Region_pattern(string region, bool valid) =>
        Assert.Equal(valid, new Regex(SpecField(VpcEndpointCrd, "region").Pattern!).IsMatch(region));

    [Theory]
    [InlineData("reports-bucket", true)]
    [InlineData("my.bucket.1", true)]
    [InlineData("Reports", false)]
    [InlineData("-reports", false)]
    public void Bucket_pattern(string bucket, bool valid) =>
        Assert.Equal(valid, new Regex(SpecField(EndpointBucketPolicyCrd, "bucket").Pattern!).IsMatch(bucket));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/break-glass", true)]
    [InlineData("arn:aws:iam::111122223333:role/path/to/admin-*", true)]
    [InlineData("arn:aws:iam::111122223333:user/alice", true)]
    [InlineData("arn:aws:iam::111122223333:root", true)]
    [InlineData("arn:aws-us-gov:iam::111122223333:role/ops", true)]
    [InlineData("arn:aws-iso-b:iam::111122223333:role/ops", true)]
    // aws:PrincipalArn of an assumed role is the role's IAM ARN: a session ARN would never match.
    [InlineData("arn:aws:sts::111122223333:assumed-role/ops/session", false)]
    [InlineData("arn:aws:iam::11112222333:role/ops", false)]
    [InlineData("arn:aws:iam::111122223333:group/ops", false)]
    [InlineData("arn:aws:iam::111122223333:role/", false)]
    [InlineData("arn:aws:s3:::bucket", false)]
    public void Exempt_principal_pattern(string arn, bool valid) =>
        Assert.Equal(valid, new Regex(ValuePattern(SpecField(EndpointBucketPolicyCrd, "exemptPrincipalArns"))).IsMatch(arn));

    [Theory]
    [InlineData("s3:*", true)]
    [InlineData("s3:GetObject", true)]
    [InlineData("s3:Put*", true)]
    [InlineData("ec2:*", false)]
    [InlineData("s3:", false)]
    [InlineData("s3:Get Object", false)]
    public void Action_pattern(string action, bool valid) =>
        Assert.Equal(valid, new Regex(ValuePattern(SpecField(EndpointBucketPolicyCrd, "actions"))).IsMatch(action));

    private static string ValuePattern(JsonSchema field) =>
        (field.Type == "array" ? field.Items!.Pattern : field.Pattern)
        ?? throw new InvalidOperationException("field has no pattern");
}
