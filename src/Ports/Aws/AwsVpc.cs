namespace Vpce.Ports.Aws;

public sealed record AwsVpc(string VpcId, string CidrBlock, IReadOnlyList<string> CidrBlocks, IReadOnlyDictionary<string, string> Tags);
