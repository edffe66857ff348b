namespace Vpce.Ports.Aws;

/// <summary>An ingress permission: protocol "-1" means all; ports are null for all ports. Its sources are CIDRs, security
/// groups (traffic from network interfaces that carry the group) and prefix lists (traffic from the list's CIDRs).</summary>
public sealed record AwsIngressRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> CidrBlocks, IReadOnlyList<string> SourceGroupIds)
{
    public IReadOnlyList<string> PrefixListIds { get; init; } = [];
}
