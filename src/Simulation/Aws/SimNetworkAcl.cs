using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>A network ACL. Every subnet is associated with exactly one ACL of its VPC (the default one until it is moved),
/// as AWS lists them.</summary>
internal sealed class SimNetworkAcl(string id, string vpcId, bool isDefault, long sequence)
{
    public string Id { get; } = id;
    public string VpcId { get; } = vpcId;
    public bool IsDefault { get; } = isDefault;
    public long Sequence { get; } = sequence;
    public List<AwsNetworkAclEntry> Entries { get; } = [];
    public List<string> SubnetIds { get; } = [];
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
