using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class NetworkChecksTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/16", true)]
    [InlineData("0.0.0.0/0", "10.0.0.0/16", true)]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", false)]
    [InlineData("10.1.0.0/16", "10.0.0.0/16", false)]
    [InlineData("10.0.1.5/16", "10.0.0.0/16", true)]
    [InlineData("::/0", "10.0.0.0/16", false)]
    [InlineData("garbage", "10.0.0.0/16", false)]
    public void Cidr_containment(string outer, string inner, bool expected) =>
        Assert.Equal(expected, NetworkChecks.CidrContains(outer, inner));

    [Theory]
    [InlineData("tcp", 443, 443, true)]
    [InlineData("tcp", 0, 65535, true)]
    [InlineData("-1", null, null, true)]
    [InlineData("tcp", 80, 80, false)]
    [InlineData("udp", 443, 443, false)]
    [InlineData("6", 400, 500, true)]
    public void Rules_that_admit_https(string protocol, int? from, int? to, bool expected) =>
        Assert.Equal(expected, NetworkChecks.CoversHttps(new AwsIngressRule(protocol, from, to, ["10.0.0.0/16"], [])));

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", true)]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/16", false)]
    [InlineData("::/0", "10.0.0.0/16", false)]
    public void Cidr_overlap(string a, string b, bool expected) =>
        Assert.Equal(expected, NetworkChecks.CidrOverlaps(a, b));
}
