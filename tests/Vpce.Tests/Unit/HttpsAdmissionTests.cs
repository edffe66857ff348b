using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>Every way an endpoint's security groups let TCP 443 in from the VPC: CIDRs, security groups, prefix lists.</summary>
public sealed class HttpsAdmissionTests
{
    private static readonly IReadOnlyList<string> Vpc = ["10.0.0.0/16"];
    private static readonly IReadOnlyDictionary<string, int> NoInterfaces = new Dictionary<string, int>();

    private static AwsSecurityGroup Group(params AwsIngressRule[] rules) => new("sg-endpoint", "endpoints", "vpc-1", rules, Tag.None);
    private static AwsIngressRule Cidr(string cidr, string protocol = "tcp", int? from = 443, int? to = 443) => new(protocol, from, to, [cidr], []);
    private static AwsIngressRule FromGroup(string group, string protocol = "tcp", int? from = 443, int? to = 443) => new(protocol, from, to, [], [group]);

    public static TheoryData<string, bool, string> CidrRules => new()
    {
        { "10.0.0.0/16", true, "10.0.0.0/16" },
        { "0.0.0.0/0", true, "0.0.0.0/0 (all of the VPC's 10.0.0.0/16)" },
        { "10.0.0.0/8", true, "10.0.0.0/8 (all of the VPC's 10.0.0.0/16)" },
        { "10.0.1.0/24", true, "10.0.1.0/24 (part of the VPC's 10.0.0.0/16)" },
        { "192.168.0.0/16", false, "192.168.0.0/16, outside the VPC's 10.0.0.0/16" },
        { "::/0", false, "::/0, outside the VPC's 10.0.0.0/16" },
    };

    [Theory]
    [MemberData(nameof(CidrRules))]
    public void A_cidr_source_admits_the_clients_of_the_vpc_it_holds(string cidr, bool admits, string detail)
    {
        var source = Assert.Single(HttpsAdmission.Sources([Group(Cidr(cidr))], Vpc, NoInterfaces));
        Assert.Equal((HttpsSourceKind.Cidr, cidr, admits, detail), (source.Kind, source.Source, source.Admits, source.Detail));
    }

    [Theory]
    [InlineData("tcp", 80, 80, 0)]
    [InlineData("udp", 443, 443, 0)]
    [InlineData("tcp", 1, 1024, 1)]
    [InlineData("-1", null, null, 1)]
    [InlineData("6", 443, 443, 1)]
    public void Only_rules_that_cover_tcp_443_are_sources(string protocol, int? from, int? to, int count) =>
        Assert.Equal(count, HttpsAdmission.Sources([Group(Cidr("10.0.0.0/16", protocol, from, to))], Vpc, NoInterfaces).Count);

    [Fact]
    public void A_group_source_admits_when_some_interface_in_the_vpc_carries_the_group()
    {
        var carried = new Dictionary<string, int> { ["sg-app"] = 2 };
        var source = Assert.Single(HttpsAdmission.Sources([Group(FromGroup("sg-app"))], Vpc, carried));
        Assert.Equal((HttpsSourceKind.SecurityGroup, "sg-app", true), (source.Kind, source.Source, source.Admits));
        Assert.Equal("security group sg-app (carried by 2 network interfaces in the VPC)", source.Detail);
    }

    [Fact]
    public void A_group_source_nothing_carries_admits_nobody()
    {
        var source = Assert.Single(HttpsAdmission.Sources([Group(FromGroup("sg-app"))], Vpc, new Dictionary<string, int> { ["sg-other"] = 4 }));
        Assert.False(source.Admits);
        Assert.Contains("which no network interface in the VPC carries", source.Detail);
    }

    [Fact]
    public void A_prefix_list_source_admits_and_is_named()
    {
        var rule = new AwsIngressRule("tcp", 443, 443, [], []) { PrefixListIds = ["pl-0corp"] };
        var source = Assert.Single(HttpsAdmission.Sources([Group(rule)], Vpc, NoInterfaces));
        Assert.Equal((HttpsSourceKind.PrefixList, "pl-0corp", true, "prefix list pl-0corp"), (source.Kind, source.Source, source.Admits, source.Detail));
    }

    [Fact]
    public void Every_source_of_every_rule_counts_once()
    {
        var rule = new AwsIngressRule("tcp", 443, 443, ["10.0.0.0/16", "192.168.0.0/16"], ["sg-app"]) { PrefixListIds = ["pl-0corp"] };
        var sources = HttpsAdmission.Sources([Group(rule, Cidr("10.0.0.0/16"))], Vpc, NoInterfaces);
        Assert.Equal(["10.0.0.0/16", "192.168.0.0/16", "sg-app", "pl-0corp"], sources.Select(s => s.Source));
    }

    [Fact]
    public void Endpoint_interfaces_are_not_clients()
    {
        IReadOnlyList<AwsNetworkInterface> interfaces =
        [
            new("eni-app", "vpc-1", "subnet-1", ["sg-app", "sg-app"], "interface"),
            new("eni-own", "vpc-1", "subnet-1", ["sg-endpoint"], "interface"),
            new("eni-other-endpoint", "vpc-1", "subnet-1", ["sg-endpoint", "sg-app"], HttpsAdmission.EndpointInterfaceType),
        ];
        var carried = HttpsAdmission.InterfacesByGroup(interfaces, ["eni-own"]);
        Assert.Equal(1, carried["sg-app"]);
        Assert.False(carried.ContainsKey("sg-endpoint"));
    }

    [Fact]
    public void Interfaces_are_read_only_for_group_sourced_rules_that_cover_443()
    {
        Assert.False(HttpsAdmission.NeedsInterfaces([Group(Cidr("10.0.0.0/16"), FromGroup("sg-app", from: 22, to: 22))]));
        Assert.True(HttpsAdmission.NeedsInterfaces([Group(FromGroup("sg-app", "-1", null, null))]));
    }
}
