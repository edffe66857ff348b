using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class ServiceNamesTests
{
    [Theory]
    [InlineData("s3", "eu-west-1", "com.amazonaws.eu-west-1.s3")]
    [InlineData("ec2messages", "us-east-1", "com.amazonaws.us-east-1.ec2messages")]
    [InlineData("ecr.dkr", "eu-central-1", "com.amazonaws.eu-central-1.ecr.dkr")]
    [InlineData("com.amazonaws.eu-west-1.ssm", "eu-west-1", "com.amazonaws.eu-west-1.ssm")]
    [InlineData(" kms ", "eu-west-1", "com.amazonaws.eu-west-1.kms")]
    [InlineData("com.amazonaws.vpce.eu-west-1.vpce-svc-0123", "eu-west-1", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123")]
    public void Short_and_full_names_resolve_to_the_full_name(string input, string region, string expected)
    {
        Assert.Equal(expected, ServiceNames.Resolve(input, region, out var error));
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("com.amazonaws.us-east-1.s3", "eu-west-1", "names region us-east-1")]
    [InlineData("S3 Bucket", "eu-west-1", "is not a service name")]
    [InlineData("com.amazonaws.eu-west-1.", "eu-west-1", "is not a service name")]
    public void Malformed_or_foreign_region_names_are_refused(string input, string region, string message)
    {
        Assert.Null(ServiceNames.Resolve(input, region, out var error));
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("s3", "Gateway")]
    [InlineData("dynamodb", "Gateway")]
    [InlineData("com.amazonaws.eu-west-1.s3", "Gateway")]
    [InlineData("ssm", "Interface")]
    [InlineData("com.amazonaws.eu-west-1.kms", "Interface")]
    public void Type_defaults_to_gateway_for_s3_and_dynamodb_only(string service, string type) =>
        Assert.Equal(type, ServiceNames.DefaultType(service));
}
