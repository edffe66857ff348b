using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>A view of an endpoint as made, with what its DNS entries were made from besides the fields it copies.</summary>
internal sealed record SimEndpointView(AwsEndpoint View, string DnsSuffix, string PrivateHostedZoneId, string? PrivateDnsName);
