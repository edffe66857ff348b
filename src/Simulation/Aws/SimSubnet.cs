namespace Vpce.Simulation.Aws;

internal sealed class SimSubnet(string id, string vpcId, string availabilityZone, string cidrBlock, long sequence)
{
    public string Id { get; } = id;
    public string VpcId { get; } = vpcId;
    public string AvailabilityZone { get; } = availabilityZone;
    public string CidrBlock { get; } = cidrBlock;
    public long Sequence { get; } = sequence;
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
