using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class BucketRegionsTests
{
    [Theory]
    [InlineData(null, "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("eu-west-1", "eu-west-1")]
    [InlineData("ap-southeast-2", "ap-southeast-2")]
    [InlineData("us-west-2", "us-west-2")]
    public void The_location_constraint_is_read_as_S3_means_it(string? constraint, string region) =>
        Assert.Equal(region, BucketRegions.FromLocationConstraint(constraint));
}
