namespace Vpce.Ports.Aws;

public sealed record AwsSubnet(string SubnetId, string VpcId, string AvailabilityZone, string CidrBlock, IReadOnlyDictionary<string, string> Tags);
