namespace Vpce.Ports.Aws;

/// <summary>One route: to a CIDR or to a prefix list (a gateway endpoint's route), through a gateway or endpoint.</summary>
public sealed record AwsRoute(string? DestinationCidrBlock, string? DestinationPrefixListId, string? GatewayId, string? NatGatewayId, string State);
