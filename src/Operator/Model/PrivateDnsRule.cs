namespace Vpce.Operator.Model;

/// <summary>
/// AWS's rule for private DNS on an Interface endpoint of a service it offers as both Gateway and Interface (S3). For such a
/// service, private DNS answers only inbound resolver endpoints unless DnsOptions says otherwise
/// (PrivateDnsOnlyForInboundResolverEndpoint, "available only for services that support both gateway and interface
/// endpoints": https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html), so the VPC's own
/// clients keep the free gateway; a request that does not send it is read as true (hashicorp/terraform-provider-aws#32021,
/// #46404), and AWS refuses it when the VPC has no Gateway endpoint for the service: "To set
/// PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC vpc-… must have a Gateway endpoint for the service."
/// (terraform-aws-modules/terraform-aws-vpc#982, hashicorp/terraform-provider-aws#33689). The operator sends no DnsOptions
/// (spec.dnsOptions is the endpoint-breadth issue's), so it checks this before the call instead of failing on it. Pure.
/// </summary>
public static class PrivateDnsRule
{
    /// <summary>Null when private DNS may be turned on as <paramref name="desired"/> asks; else the error naming
    /// spec.privateDnsEnabled and the missing gateway.</summary>
    /// <param name="inSpec">Whether spec.privateDnsEnabled says true itself, rather than by its default.</param>
    /// <param name="serviceOffersGateway">Whether the region offers the service as a Gateway endpoint too.</param>
    /// <param name="vpcHasGateway">Whether the VPC has a Gateway endpoint of the service (pending or available).</param>
    public static SpecError? Check(DesiredEndpoint desired, bool inSpec, bool serviceOffersGateway, bool vpcHasGateway)
    {
        if (desired.PrivateDnsEnabled != true || desired.IsGateway || !serviceOffersGateway || vpcHasGateway)
        {
            return null;
        }
        var service = ServiceNames.ShortName(desired.ServiceName);
        return new("spec.privateDnsEnabled",
            $"{(inSpec ? "true" : "true by default")}, but {desired.VpcId} has no Gateway endpoint for {desired.ServiceName}: for a service " +
            "offered as both Gateway and Interface, AWS enables private DNS only for inbound resolver endpoints " +
            "(PrivateDnsOnlyForInboundResolverEndpoint), leaving the VPC's own traffic to the gateway, and refuses it without one. " +
            $"Create the Gateway endpoint first (a VpcEndpoint with serviceName {service} and type Gateway in this VPC), or set " +
            "spec.privateDnsEnabled to false and use the endpoint's own DNS names");
    }
}
