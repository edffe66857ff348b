using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointPolicySupportTests
{
    [Theory]
    [InlineData("com.amazonaws.eu-west-1.s3", null, true)]
    [InlineData("com.amazonaws.eu-west-1.ssm", null, true)]
    [InlineData("com.amazonaws.eu-west-1.iot.data", null, false)]
    [InlineData("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", null, false)]
    [InlineData("com.amazonaws.eu-west-1.ssm", false, false)]
    [InlineData("com.amazonaws.eu-west-1.iot.data", true, true)]
    public void AWS_answer_wins_and_the_documented_cases_stand_in_for_it(string service, bool? reported, bool supported) =>
        Assert.Equal(supported, EndpointPolicySupport.IsSupported(service, reported));
}
