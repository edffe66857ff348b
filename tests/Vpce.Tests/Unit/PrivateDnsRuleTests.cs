using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>Private DNS on an Interface endpoint of a service offered as both types needs the VPC's Gateway endpoint of it.</summary>
public sealed class PrivateDnsRuleTests
{
    private static DesiredEndpoint Interface(bool? privateDns, string service = "com.amazonaws.eu-west-1.s3") => new()
    {
        Region = "eu-west-1", VpcId = "vpc-0a", ServiceName = service, Type = "Interface", PrivateDnsEnabled = privateDns,
        Tags = new Dictionary<string, string>(), Additive = false, CorrectDrift = true, ClientToken = "t",
    };

    [Theory]
    [InlineData(true, true, false, true)]
    [InlineData(true, true, true, false)]
    [InlineData(false, true, false, false)]
    [InlineData(true, false, false, false)]
    public void Refused_only_for_private_DNS_on_a_dual_service_in_a_VPC_without_its_gateway(bool privateDns, bool offersGateway, bool hasGateway, bool refused) =>
        Assert.Equal(refused, PrivateDnsRule.Check(Interface(privateDns), inSpec: false, offersGateway, hasGateway) is not null);

    [Fact]
    public void The_error_names_the_field_the_missing_gateway_and_both_ways_out()
    {
        var error = PrivateDnsRule.Check(Interface(true), inSpec: false, serviceOffersGateway: true, vpcHasGateway: false)!;
        Assert.Equal("spec.privateDnsEnabled", error.Field);
        Assert.StartsWith("true by default, but vpc-0a has no Gateway endpoint for com.amazonaws.eu-west-1.s3", error.Message);
        Assert.Contains("serviceName s3 and type Gateway", error.Message);
        Assert.Contains("spec.privateDnsEnabled to false", error.Message);
        Assert.StartsWith("true, but", PrivateDnsRule.Check(Interface(true), inSpec: true, true, false)!.Message);
    }
}
