namespace Vpce.Ports.Aws;

/// <summary>One route: to a CIDR or to a prefix list (a gateway endpoint's route), through a gateway, endpoint or other
/// target. State is "active", or "blackhole" when the target is gone (traffic is dropped).</summary>
public sealed record AwsRoute(string? DestinationCidrBlock, string? DestinationPrefixListId, string? GatewayId, string? NatGatewayId, string State)
{
    public const string Blackhole = "blackhole";

    public string? TransitGatewayId { get; init; }
    public string? VpcPeeringConnectionId { get; init; }
    public string? InstanceId { get; init; }
    public string? NetworkInterfaceId { get; init; }

    /// <summary>Where the route sends traffic: the one target AWS set (a NAT instance's route names the instance and its
    /// interface; the instance is the target).</summary>
    public string? TargetId => NatGatewayId ?? TransitGatewayId ?? VpcPeeringConnectionId ?? GatewayId ?? InstanceId ?? NetworkInterfaceId;
}
