namespace Vpce.Ports.Aws;

/// <summary>A Describe filter for VPCs, subnets, route tables and security groups: ids and/or VPC and tags, all of which must match.</summary>
public sealed record ResourceQuery
{
    public IReadOnlyList<string>? Ids { get; init; }
    public string? VpcId { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    /// <summary>Security groups only: the group name (for the VPC's "default" group).</summary>
    public string? GroupName { get; init; }
}
