using Vpce.Crds;
using Vpce.Operator.Observe;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>An object whose last AWS call failed on its account's credentials asks for them anew; any other failure does not.</summary>
public sealed class CredentialsRejectedTests
{
    [Theory]
    [InlineData("ExpiredToken", true)]
    [InlineData("RequestExpired", true)]
    [InlineData("AuthFailure", true)]
    [InlineData("InvalidClientTokenId", true)]
    [InlineData("InvalidAccessKeyId", true)]
    [InlineData("AccessDenied", false)]
    [InlineData("Throttled", false)]
    [InlineData("Synced", false)]
    public void Only_a_refusal_of_the_credentials_renews_them(string reason, bool renews)
    {
        var status = new VpcEndpointStatus
        {
            Conditions = [new Condition { Type = ConditionTypes.Synced, Status = reason == "Synced" ? ConditionStatus.True : ConditionStatus.False, Reason = reason }],
        };
        Assert.Equal(renews, AccountResolver.CredentialsRejected(status));
        Assert.False(AccountResolver.CredentialsRejected(null));
    }
}
