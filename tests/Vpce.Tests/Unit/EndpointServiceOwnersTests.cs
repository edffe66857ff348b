using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointServiceOwnersTests
{
    private const string Own = "123456789012";
    private const string PrivateLink = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0";

    [Theory]
    [InlineData("com.amazonaws.eu-west-1.ssm", "amazon")]
    [InlineData("com.amazonaws.eu-west-1.ssm", null)]
    [InlineData(PrivateLink, Own)]
    public void Without_an_account_list_amazon_and_the_account_itself_are_admitted(string service, string? owner) =>
        Assert.Null(EndpointServiceOwners.Check(null, Own, service, owner));

    [Fact]
    public void A_service_of_another_account_is_refused_naming_the_owner_and_the_service()
    {
        var message = EndpointServiceOwners.Check(null, Own, PrivateLink, "999999999999");
        Assert.NotNull(message);
        Assert.Contains("999999999999", message);
        Assert.Contains(PrivateLink, message);
        Assert.Contains("amazon, 123456789012", message);
    }

    [Fact]
    public void A_privatelink_name_whose_owner_aws_did_not_name_is_refused() =>
        Assert.NotNull(EndpointServiceOwners.Check(null, Own, PrivateLink, null));

    [Fact]
    public void An_accounts_list_replaces_the_default()
    {
        var account = new AwsAccountSpec { AccountId = Own, EndpointServiceOwners = ["999999999999"] };
        Assert.Null(EndpointServiceOwners.Check(account, Own, PrivateLink, "999999999999"));
        Assert.NotNull(EndpointServiceOwners.Check(account, Own, "com.amazonaws.eu-west-1.ssm", "amazon"));
        Assert.NotNull(EndpointServiceOwners.Check(account, Own, PrivateLink, Own));
    }

    [Fact]
    public void An_empty_list_is_the_default() =>
        Assert.Equal(["amazon", Own], EndpointServiceOwners.Admitted(new AwsAccountSpec { EndpointServiceOwners = [] }, Own));
}
