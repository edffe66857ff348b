namespace Vpce.Ports.Aws;

/// <summary>One numbered rule of a network ACL. Protocol is a protocol number ("6" TCP, "17" UDP) or "-1" for all;
/// ports are null for all ports. The rule "*" that denies what no other rule decided has number 32767.</summary>
public sealed record AwsNetworkAclEntry(int RuleNumber, bool Egress, string Protocol, bool Allow, string? CidrBlock, string? Ipv6CidrBlock,
    int? FromPort, int? ToPort)
{
    /// <summary>The number AWS gives the last rule, "*" in the console.</summary>
    public const int DefaultRuleNumber = 32767;
}
