namespace Vpce.Simulation.Aws;

internal sealed class SimVpc(string id, string region, string cidrBlock, long sequence)
{
    public string Id { get; } = id;
    public string Region { get; } = region;
    public string CidrBlock { get; } = cidrBlock;
    public long Sequence { get; } = sequence;
    public bool EnableDnsSupport { get; set; } = true;
    public bool EnableDnsHostnames { get; set; }
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
