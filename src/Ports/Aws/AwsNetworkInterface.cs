namespace Vpce.Ports.Aws;

/// <summary>A network interface and the security groups it carries (a group-sourced rule admits traffic from these).
/// InterfaceType is AWS's: "interface" for an instance's, "vpc_endpoint" for an interface endpoint's, and others.</summary>
public sealed record AwsNetworkInterface(string NetworkInterfaceId, string VpcId, string SubnetId, IReadOnlyList<string> GroupIds, string InterfaceType);
