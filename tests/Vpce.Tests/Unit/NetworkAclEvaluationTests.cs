using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>Network ACLs in rule-number order, first match decides, rule * denies the rest; for TCP 443 in from the VPC and the
/// replies out to its ephemeral ports.</summary>
public sealed class NetworkAclEvaluationTests
{
    private static readonly IReadOnlyList<string> Vpc = ["10.0.0.0/16"];

    private static AwsNetworkAclEntry In(int number, bool allow, string protocol = "-1", string cidr = "0.0.0.0/0", int? from = null, int? to = null) =>
        new(number, Egress: false, protocol, allow, cidr, null, from, to);

    private static AwsNetworkAclEntry Out(int number, bool allow, string protocol = "-1", string cidr = "0.0.0.0/0", int? from = null, int? to = null) =>
        new(number, Egress: true, protocol, allow, cidr, null, from, to);

    private static AclVerdict Inbound(params AwsNetworkAclEntry[] entries) =>
        NetworkAclEvaluation.Evaluate(entries, egress: false, 443, 443, Vpc);

    private static AclVerdict Outbound(params AwsNetworkAclEntry[] entries) =>
        NetworkAclEvaluation.Evaluate(entries, egress: true, NetworkAclEvaluation.EphemeralFrom, NetworkAclEvaluation.EphemeralTo, Vpc);

    public static TheoryData<string, AwsNetworkAclEntry[], bool, int?> InboundCases => new()
    {
        { "the default ACL", [In(100, true), In(32767, false)], true, null },
        { "only the rule *", [In(32767, false)], false, 32767 },
        { "no entries at all (rule * still applies)", [], false, 32767 },
        { "a lower deny wins over a higher allow", [In(100, true), In(90, false, "6", "0.0.0.0/0", 443, 443)], false, 90 },
        { "a lower allow wins over a higher deny", [In(90, true, "6", "0.0.0.0/0", 443, 443), In(100, false)], true, null },
        { "a deny of other ports does not match", [In(90, false, "6", "0.0.0.0/0", 80, 80), In(100, true)], true, null },
        { "a port range holding 443 matches", [In(100, true, "6", "10.0.0.0/16", 400, 500)], true, null },
        { "a port range without 443 leaves it to rule *", [In(100, true, "6", "10.0.0.0/16", 444, 1000)], false, 32767 },
        { "protocol -1 matches TCP", [In(100, true, "-1", "10.0.0.0/16")], true, null },
        { "protocol -1 ignores ports given", [In(100, true, "-1", "10.0.0.0/16", 80, 80)], true, null },
        { "UDP does not match TCP", [In(100, true, "17", "0.0.0.0/0", 443, 443)], false, 32767 },
        { "a wider CIDR holds the VPC", [In(100, true, "6", "10.0.0.0/8", 443, 443)], true, null },
        { "part of the VPC allowed, the rest falls to rule *", [In(100, true, "6", "10.0.1.0/24", 443, 443)], false, 32767 },
        { "parts allowed by several rules add up", [In(100, true, "6", "10.0.0.0/17", 443, 443), In(110, true, "6", "10.0.128.0/17", 443, 443)], true, null },
        { "a deny of one subnet before an allow of all", [In(50, false, "6", "10.0.5.0/24", 443, 443), In(100, true)], false, 50 },
        { "a deny outside the VPC does not match", [In(50, false, "-1", "192.168.0.0/16"), In(100, true)], true, null },
        { "a deny after the VPC is all allowed is never reached", [In(100, true), In(110, false, "6", "10.0.0.0/16", 443, 443)], true, null },
    };

    [Theory]
    [MemberData(nameof(InboundCases))]
    public void Inbound_https_from_the_vpc(string why, AwsNetworkAclEntry[] entries, bool allowed, int? denyingRule)
    {
        var verdict = Inbound(entries);
        Assert.True(allowed == verdict.Allowed, why);
        Assert.Equal(denyingRule, verdict.DenyingRule?.RuleNumber);
    }

    [Fact]
    public void An_ipv6_rule_never_matches_ipv4_traffic()
    {
        var ipv6 = new AwsNetworkAclEntry(10, Egress: false, "-1", Allow: false, null, "::/0", null, null);
        Assert.True(Inbound(ipv6, In(100, true)).Allowed);
    }

    [Fact]
    public void A_deny_names_the_flows_it_denies()
    {
        var verdict = Inbound(In(50, false, "6", "10.0.5.0/24", 443, 443), In(100, true));
        Assert.Equal(["10.0.5.0/24"], verdict.Denied!.Value.Addresses.ToCidrs());
        Assert.Equal("443", verdict.Denied.Value.Ports);
    }

    [Fact]
    public void Egress_rules_do_not_decide_inbound_traffic() =>
        Assert.False(Inbound(Out(100, true), In(32767, false)).Allowed);

    public static TheoryData<string, AwsNetworkAclEntry[], bool, int?, string?> OutboundCases => new()
    {
        { "all traffic out", [Out(100, true), Out(32767, false)], true, null, null },
        { "the ephemeral ports AWS recommends", [Out(100, true, "6", "10.0.0.0/16", 1024, 65535)], true, null, null },
        { "only Linux's ephemeral ports", [Out(100, true, "6", "0.0.0.0/0", 32768, 65535)], false, 32767, "1024-32767" },
        { "only 443 out", [Out(100, true, "6", "0.0.0.0/0", 443, 443)], false, 32767, "1024-65535" },
        { "a deny of high ports first", [Out(90, false, "6", "0.0.0.0/0", 60000, 65535), Out(100, true)], false, 90, "60000-65535" },
        { "inbound rules do not let replies out", [In(100, true)], false, 32767, "1024-65535" },
    };

    [Theory]
    [MemberData(nameof(OutboundCases))]
    public void Outbound_replies_to_the_clients_ephemeral_ports(string why, AwsNetworkAclEntry[] entries, bool allowed, int? denyingRule, string? ports)
    {
        var verdict = Outbound(entries);
        Assert.True(allowed == verdict.Allowed, why);
        Assert.Equal(denyingRule, verdict.DenyingRule?.RuleNumber);
        Assert.Equal(ports, verdict.Denied?.Ports);
    }

    [Fact]
    public void Allowing_rules_are_the_ones_that_decided_something()
    {
        var verdict = Inbound(In(90, true, "6", "10.0.0.0/17", 443, 443), In(95, true, "6", "10.0.0.0/18", 443, 443), In(100, true));
        Assert.Equal([90, 100], verdict.AllowingRules);
    }

    [Fact]
    public void Each_subnet_is_judged_by_its_own_acl_or_the_default_one()
    {
        IReadOnlyList<AwsNetworkAcl> acls =
        [
            new("acl-default", "vpc-1", true, [In(100, true), Out(100, true), In(32767, false), Out(32767, false)], ["subnet-a"], Tag.None),
            new("acl-strict", "vpc-1", false, [In(90, false, "6", "0.0.0.0/0", 443, 443), In(32767, false), Out(32767, false)], ["subnet-b", "subnet-c"], Tag.None),
        ];
        var checks = NetworkAclEvaluation.ForSubnets(["subnet-c", "subnet-a", "subnet-b", "subnet-new"], acls, Vpc);
        Assert.Equal(["acl-default", "acl-strict"], checks.Select(c => c.NetworkAclId));
        Assert.Equal(["subnet-a", "subnet-new"], checks[0].SubnetIds);
        Assert.True(checks[0].Allowed);
        Assert.Equal(["subnet-b", "subnet-c"], checks[1].SubnetIds);
        Assert.Equal((false, 90, false), (checks[1].Inbound.Allowed, checks[1].Inbound.DenyingRule!.RuleNumber, checks[1].Outbound.Allowed));
    }

    [Theory]
    [InlineData(90, false, false, "6", "0.0.0.0/0", 443, 443, "rule 90 (deny TCP port 443 from 0.0.0.0/0)")]
    [InlineData(100, true, true, "6", "10.0.0.0/16", 1024, 65535, "rule 100 (allow TCP ports 1024-65535 to 10.0.0.0/16)")]
    [InlineData(32767, false, true, "-1", "0.0.0.0/0", null, null, "rule * (deny all traffic to 0.0.0.0/0)")]
    public void Rules_in_words(int number, bool allow, bool egress, string protocol, string cidr, int? from, int? to, string words) =>
        Assert.Equal(words, NetworkAclEvaluation.DescribeRule(new AwsNetworkAclEntry(number, egress, protocol, allow, cidr, null, from, to)));
}
