namespace Vpce.Ports.Aws;

/// <summary>A service offered for VPC endpoints in a region (DescribeVpcEndpointServices ServiceDetails).</summary>
public sealed record AwsEndpointService(string ServiceName, IReadOnlyList<string> ServiceTypes, IReadOnlyList<string> AvailabilityZones, string? PrivateDnsName);
