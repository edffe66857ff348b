namespace Vpce.Simulation.Aws;

/// <summary>A network interface made for something other than an endpoint (an instance's, say): the holder of security
/// groups that group-sourced rules admit. Interface endpoints' own interfaces are shown from their endpoints.</summary>
internal sealed class SimNetworkInterface(string id, string vpcId, string subnetId, IReadOnlyList<string> groupIds, long sequence)
{
    public string Id { get; } = id;
    public string VpcId { get; } = vpcId;
    public string SubnetId { get; } = subnetId;
    public List<string> GroupIds { get; } = [.. groupIds];
    public long Sequence { get; } = sequence;
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
