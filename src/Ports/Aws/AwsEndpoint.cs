namespace Vpce.Ports.Aws;

/// <summary>A VPC endpoint as DescribeVpcEndpoints reports it. State is lower case, as AWS reports it.</summary>
public sealed record AwsEndpoint(
    string VpcEndpointId,
    string VpcId,
    string ServiceName,
    string Type,
    string State,
    IReadOnlyList<string> RouteTableIds,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyList<string> NetworkInterfaceIds,
    bool PrivateDnsEnabled,
    string? PolicyDocument,
    IReadOnlyList<AwsDnsEntry> DnsEntries,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset? CreationTimestamp);
