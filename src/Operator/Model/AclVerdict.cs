using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>One direction of one network ACL for the endpoint's traffic: allowed (every flow asked about met an allow rule
/// first), or the rule that denies some of it and the first flows it denies.</summary>
public sealed record AclVerdict(bool Allowed, IReadOnlyList<int> AllowingRules, AwsNetworkAclEntry? DenyingRule, TrafficBox? Denied);
