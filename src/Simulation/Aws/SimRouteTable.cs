namespace Vpce.Simulation.Aws;

internal sealed class SimRouteTable(string id, string vpcId, bool isMain, long sequence)
{
    public string Id { get; } = id;
    public string VpcId { get; } = vpcId;
    /// <summary>The VPC's main route table: the one every subnet without an explicit association uses.</summary>
    public bool IsMain { get; set; } = isMain;
    public long Sequence { get; } = sequence;
    public List<SimRoute> Routes { get; } = [];
    /// <summary>Routes an API call removed, and when: DescribeRouteTables still shows them for the propagation delay.</summary>
    public List<(SimRoute Route, DateTimeOffset RemovedAt)> RemovedRoutes { get; } = [];
    /// <summary>Explicit subnet associations (subnets without one use the main table, as in AWS).</summary>
    public List<string> SubnetIds { get; } = [];
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
