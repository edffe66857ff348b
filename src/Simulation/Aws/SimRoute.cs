namespace Vpce.Simulation.Aws;

/// <summary>One route; a gateway endpoint's route has a prefix list destination and the endpoint as gateway.</summary>
internal sealed record SimRoute(string? DestinationCidrBlock, string? DestinationPrefixListId, string? GatewayId, string? NatGatewayId);
