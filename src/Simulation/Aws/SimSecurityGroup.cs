using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

internal sealed class SimSecurityGroup(string id, string vpcId, string name, long sequence)
{
    public string Id { get; } = id;
    public string VpcId { get; } = vpcId;
    public string Name { get; } = name;
    public long Sequence { get; } = sequence;
    public List<AwsIngressRule> Ingress { get; } = [];
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
