namespace Vpce.Ports.Aws;

public sealed record AwsSecurityGroup(string GroupId, string GroupName, string VpcId, IReadOnlyList<AwsIngressRule> Ingress, IReadOnlyDictionary<string, string> Tags);
