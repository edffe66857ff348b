namespace Vpce.Ports.Aws;

/// <summary>A Describe filter for VPCs, subnets, route tables, security groups, network ACLs and network interfaces: ids and/or
/// VPCs and tags, all of which must match (a resource in any of <see cref="VpcIds"/>).</summary>
public sealed record ResourceQuery
{
    /// <summary>EC2 takes at most this many values in one filter.</summary>
    public const int MaxFilterValues = 200;

    public IReadOnlyList<string>? Ids { get; init; }
    /// <summary>One vpc-id filter with up to <see cref="MaxFilterValues"/> values.</summary>
    public IReadOnlyList<string>? VpcIds { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    /// <summary>Security groups only: the group name (for the VPC's "default" group).</summary>
    public string? GroupName { get; init; }
}
