namespace Vpce.Ports.Aws;

public sealed record AwsRouteTable(string RouteTableId, string VpcId, IReadOnlyList<AwsRoute> Routes, IReadOnlyList<string> AssociatedSubnetIds, bool IsMain, IReadOnlyDictionary<string, string> Tags);
