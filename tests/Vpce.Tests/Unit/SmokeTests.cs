using Vpce.Crds;

namespace Vpce.Tests.Unit;

public sealed class SmokeTests
{
    [Fact]
    public void Kinds_belong_to_the_vpce_group() =>
        Assert.Equal("vpce.io/v1alpha1", new VpcEndpoint().ApiVersion);
}
