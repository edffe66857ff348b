using Vpce.Operator.Runtime;

namespace Vpce.Tests.Unit;

/// <summary>resourceVersions ordered as KEP-5504 allows: decimal integers without leading zeros; anything else is opaque.</summary>
public sealed class ResourceVersionsTests
{
    [Theory]
    [InlineData("5", "5", 0)]
    [InlineData("5", "6", -1)]
    [InlineData("10", "9", 1)]            // longer is later, not "10" < "9" as text
    [InlineData("123455", "123456", -1)]
    [InlineData("999", "1000", -1)]
    [InlineData("0", "1", null)]          // zero, or a leading zero, is not of the form
    [InlineData("012", "12", null)]
    [InlineData("abc", "12", null)]
    [InlineData("12", "", null)]
    [InlineData(null, "12", null)]
    public void Orders_decimal_versions_and_leaves_others_opaque(string? a, string? b, int? order) =>
        Assert.Equal(order, ResourceVersions.Compare(a, b));
}
