using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Network ACLs evaluated as AWS does: the rules of one direction in rule-number order, lowest first; the first rule
/// whose protocol, ports and CIDR match a packet decides it; the rule * (32767) denies whatever none decided. Stateless, so
/// the endpoint's subnets must let HTTPS in from the VPC and let the replies out to the clients' ephemeral ports. Pure.</summary>
public static class NetworkAclEvaluation
{
    public const int EphemeralFrom = 1024;
    public const int EphemeralTo = 65535;
    private const int MaxPort = 65535;

    /// <summary>The ACL of each of the endpoint's subnets (AWS lists a subnet under exactly one; one not listed uses the VPC's
    /// default ACL), each judged once for TCP 443 in from the VPC's CIDRs and TCP 1024-65535 out to them.</summary>
    public static IReadOnlyList<AclCheck> ForSubnets(IEnumerable<string> subnetIds, IReadOnlyList<AwsNetworkAcl> vpcAcls, IReadOnlyList<string> vpcCidrs)
    {
        var bySubnet = subnetIds.Distinct(StringComparer.Ordinal)
            .Select(s => (Subnet: s, Acl: vpcAcls.FirstOrDefault(a => a.AssociatedSubnetIds.Contains(s)) ?? vpcAcls.FirstOrDefault(a => a.IsDefault)))
            .Where(p => p.Acl is not null)
            .GroupBy(p => p.Acl!.NetworkAclId, StringComparer.Ordinal);
        return bySubnet.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var acl = g.First().Acl!;
            return new AclCheck(acl.NetworkAclId, g.Select(p => p.Subnet).Order(StringComparer.Ordinal).ToList(),
                Evaluate(acl.Entries, egress: false, NetworkChecks.Https, NetworkChecks.Https, vpcCidrs),
                Evaluate(acl.Entries, egress: true, EphemeralFrom, EphemeralTo, vpcCidrs));
        }).ToList();
    }

    /// <summary>Whether every TCP flow on these ports to or from these peers passes one direction of the ACL.</summary>
    public static AclVerdict Evaluate(IEnumerable<AwsNetworkAclEntry> entries, bool egress, int fromPort, int toPort, IReadOnlyList<string> peerCidrs)
    {
        var undecided = peerCidrs.Select(c => Ipv4Range.TryParse(c, out var range) ? new TrafficBox(fromPort, toPort, range) : (TrafficBox?)null)
            .OfType<TrafficBox>().ToList();
        var allowing = new List<int>();
        var rules = entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber)
            .Append(new AwsNetworkAclEntry(AwsNetworkAclEntry.DefaultRuleNumber, egress, "-1", Allow: false, "0.0.0.0/0", null, null, null));
        foreach (var rule in rules)
        {
            if (undecided.Count == 0)
            {
                break;
            }
            if (!MatchesTcp(rule) || !Ipv4Range.TryParse(rule.CidrBlock, out var addresses))
            {
                // Another protocol, or an IPv6 rule: no IPv4 TCP packet matches it.
                continue;
            }
            // All-traffic rules take no ports (AWS ignores any given).
            var box = IsAllTraffic(rule) ? new TrafficBox(0, MaxPort, addresses) : new TrafficBox(rule.FromPort ?? 0, rule.ToPort ?? MaxPort, addresses);
            if (!rule.Allow)
            {
                if (undecided.Select(u => u.Intersect(box)).FirstOrDefault(c => c is not null) is { } denied)
                {
                    return new AclVerdict(false, allowing, rule, denied);
                }
                continue;
            }
            var left = undecided.SelectMany(u => u.Minus(box)).ToList();
            if (!left.SequenceEqual(undecided))
            {
                allowing.Add(rule.RuleNumber);
            }
            undecided = left;
        }
        return new AclVerdict(true, allowing, null, null);
    }

    /// <summary>The rule in words: "rule 90 (deny TCP 443 from 0.0.0.0/0)", "rule * (deny all traffic)".</summary>
    public static string DescribeRule(AwsNetworkAclEntry rule)
    {
        var number = rule.RuleNumber == AwsNetworkAclEntry.DefaultRuleNumber ? "*" : rule.RuleNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var action = rule.Allow ? "allow" : "deny";
        var ports = rule.FromPort is null ? "all ports" : rule.FromPort == rule.ToPort ? $"port {rule.FromPort}" : $"ports {rule.FromPort}-{rule.ToPort}";
        var what = IsAllTraffic(rule) ? "all traffic" : rule.Protocol is "6" or "tcp" ? $"TCP {ports}" : $"protocol {rule.Protocol} {ports}";
        var peer = rule.CidrBlock ?? rule.Ipv6CidrBlock ?? "0.0.0.0/0";
        return $"rule {number} ({action} {what} {(rule.Egress ? "to" : "from")} {peer})";
    }

    private static bool IsAllTraffic(AwsNetworkAclEntry rule) => rule.Protocol is "-1" or "all";

    private static bool MatchesTcp(AwsNetworkAclEntry rule) => IsAllTraffic(rule) || rule.Protocol is "6" or "tcp";
}
