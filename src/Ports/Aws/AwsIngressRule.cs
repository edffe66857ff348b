namespace Vpce.Ports.Aws;

/// <summary>An ingress permission: protocol "-1" means all; ports are null for all ports.</summary>
public sealed record AwsIngressRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> CidrBlocks, IReadOnlyList<string> SourceGroupIds);
