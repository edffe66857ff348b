using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class UnconfirmedCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private static UnconfirmedCall Create(TimeSpan ago) =>
        new() { Action = UnconfirmedCall.CreateVpcEndpoint, EndpointIds = ["vpce-1"], RequestedAt = Now - ago };

    [Fact]
    public void A_call_is_unseen_only_as_the_action_asked_for_and_within_the_wait()
    {
        Assert.NotNull(UnconfirmedCalls.Unseen(Create(TimeSpan.FromSeconds(30)), UnconfirmedCall.CreateVpcEndpoint, Now, Wait));
        Assert.Null(UnconfirmedCalls.Unseen(Create(TimeSpan.FromSeconds(30)), UnconfirmedCall.DeleteVpcEndpoints, Now, Wait));
        Assert.Null(UnconfirmedCalls.Unseen(Create(Wait), UnconfirmedCall.CreateVpcEndpoint, Now, Wait));
        Assert.Null(UnconfirmedCalls.Unseen(null, UnconfirmedCall.CreateVpcEndpoint, Now, Wait));
    }

    [Fact]
    public void Looks_again_in_a_couple_of_seconds_at_first_and_at_most_half_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), UnconfirmedCalls.LookAgainIn(Create(TimeSpan.Zero), Now));
        Assert.Equal(TimeSpan.FromSeconds(10), UnconfirmedCalls.LookAgainIn(Create(TimeSpan.FromSeconds(40)), Now));
        Assert.Equal(TimeSpan.FromSeconds(30), UnconfirmedCalls.LookAgainIn(Create(TimeSpan.FromMinutes(4)), Now));
    }
}
