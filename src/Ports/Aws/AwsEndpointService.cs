namespace Vpce.Ports.Aws;

/// <summary>A service offered for VPC endpoints in a region (DescribeVpcEndpointServices ServiceDetails).</summary>
public sealed record AwsEndpointService(string ServiceName, IReadOnlyList<string> ServiceTypes, IReadOnlyList<string> AvailabilityZones, string? PrivateDnsName)
{
    /// <summary>VpcEndpointPolicySupported: whether the service honours endpoint policies; null when AWS did not say.</summary>
    public bool? PolicySupported { get; init; }

    /// <summary>Owner: <c>amazon</c> for AWS's services, the provider's account id for a PrivateLink (vpce-svc) service; null
    /// when AWS did not say.</summary>
    public string? Owner { get; init; }
}
