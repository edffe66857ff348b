namespace Vpce.Ports.Aws;

/// <summary>A network ACL with its entries (both directions) and the subnets it is associated with. AWS lists every
/// subnet under exactly one ACL: its own, or the VPC's default ACL.</summary>
public sealed record AwsNetworkAcl(string NetworkAclId, string VpcId, bool IsDefault, IReadOnlyList<AwsNetworkAclEntry> Entries,
    IReadOnlyList<string> AssociatedSubnetIds, IReadOnlyDictionary<string, string> Tags);
