using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class EndpointDiffTests
{
    private static readonly IReadOnlyDictionary<string, string> Owned = OwnershipTags.For("c", "ns", "n");

    private static DesiredEndpoint Gateway(IReadOnlyList<string> routeTables, bool additive = false, string? policy = null) => new()
    {
        Region = "eu-west-1", VpcId = "vpc-1", ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway",
        RouteTableIds = routeTables, PolicyDocument = policy, Tags = Owned, Additive = additive, CorrectDrift = true, ClientToken = "t",
    };

    private static DesiredEndpoint Interface(IReadOnlyList<string> subnets, IReadOnlyList<string> groups, bool privateDns = true) => new()
    {
        Region = "eu-west-1", VpcId = "vpc-1", ServiceName = "com.amazonaws.eu-west-1.ssm", Type = "Interface",
        SubnetIds = subnets, SecurityGroupIds = groups, PrivateDnsEnabled = privateDns, Tags = Owned, Additive = false, CorrectDrift = true, ClientToken = "t",
    };

    private static AwsEndpoint Actual(string type = "Gateway", IReadOnlyList<string>? routeTables = null, IReadOnlyList<string>? subnets = null,
        IReadOnlyList<string>? groups = null, bool privateDns = false, string? policy = PolicyDocument.FullAccess,
        IReadOnlyDictionary<string, string>? tags = null, string vpc = "vpc-1", string service = "com.amazonaws.eu-west-1.s3") =>
        new("vpce-1", vpc, service, type, "available", routeTables ?? [], subnets ?? [], groups ?? [], [], privateDns, policy, [], tags ?? Owned, null);

    [Fact]
    public void Matching_endpoint_has_an_empty_delta()
    {
        var delta = EndpointDiff.Compute(Gateway(["rtb-1"]), Actual(routeTables: ["rtb-1"]), ManagedSets.Empty);
        Assert.True(delta.IsEmpty);
        Assert.True(delta.Modify.IsEmpty);
    }

    [Fact]
    public void Route_tables_exclusive_adds_and_removes()
    {
        var delta = EndpointDiff.Compute(Gateway(["rtb-1", "rtb-2"]), Actual(routeTables: ["rtb-1", "rtb-3"]), ManagedSets.Empty);
        Assert.Equal(["rtb-2"], delta.Modify.AddRouteTableIds);
        Assert.Equal(["rtb-3"], delta.Modify.RemoveRouteTableIds);
        var difference = Assert.Single(delta.Differences);
        Assert.Equal(("routeTableIds", DriftReasons.RouteTablesChanged), (difference.Field, difference.Reason));
        Assert.Equal("[rtb-1,rtb-2]", difference.Desired);
        Assert.Equal("[rtb-1,rtb-3]", difference.Actual);
    }

    [Fact]
    public void Route_tables_additive_leaves_foreign_associations_and_removes_only_its_own()
    {
        var managed = new ManagedSets(["rtb-1", "rtb-4"], [], []);
        var delta = EndpointDiff.Compute(Gateway(["rtb-1", "rtb-2"], additive: true), Actual(routeTables: ["rtb-1", "rtb-3", "rtb-4"]), managed);
        Assert.Equal(["rtb-2"], delta.Modify.AddRouteTableIds);
        Assert.Equal(["rtb-4"], delta.Modify.RemoveRouteTableIds);
        Assert.Equal(["rtb-1", "rtb-2"], delta.ManagedAfter.RouteTableIds);
    }

    [Fact]
    public void Additive_with_only_foreign_extras_is_not_a_difference()
    {
        var delta = EndpointDiff.Compute(Gateway(["rtb-1"], additive: true), Actual(routeTables: ["rtb-1", "rtb-9"]), new ManagedSets(["rtb-1"], [], []));
        Assert.True(delta.IsEmpty);
    }

    [Fact]
    public void Subnets_security_groups_and_private_dns()
    {
        var delta = EndpointDiff.Compute(Interface(["subnet-1", "subnet-2"], ["sg-1"]),
            Actual("Interface", subnets: ["subnet-1"], groups: ["sg-1", "sg-2"], privateDns: false, service: "com.amazonaws.eu-west-1.ssm"), ManagedSets.Empty);
        Assert.Equal(["subnet-2"], delta.Modify.AddSubnetIds);
        Assert.Equal(["sg-2"], delta.Modify.RemoveSecurityGroupIds);
        Assert.True(delta.Modify.PrivateDnsEnabled);
        Assert.Equal(["subnetIds", "securityGroupIds", "privateDnsEnabled"], delta.Differences.Select(d => d.Field));
        Assert.Empty(delta.Modify.AddRouteTableIds);
    }

    [Fact]
    public void Policy_compared_by_meaning_and_absent_policy_means_the_default()
    {
        const string spec = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";
        const string same = """{"Version":"2008-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:GetObject"],"Resource":["*"]}}""";
        Assert.True(EndpointDiff.Compute(Gateway([], policy: spec), Actual(policy: same), ManagedSets.Empty).IsEmpty);
        Assert.True(EndpointDiff.Compute(Gateway([]), Actual(policy: PolicyDocument.FullAccess), ManagedSets.Empty).IsEmpty);

        var changed = EndpointDiff.Compute(Gateway([], policy: spec), Actual(), ManagedSets.Empty);
        Assert.Equal(spec, changed.Modify.PolicyDocument);
        Assert.Equal(DriftReasons.PolicyChanged, Assert.Single(changed.Differences).Reason);

        var reset = EndpointDiff.Compute(Gateway([]), Actual(policy: spec), ManagedSets.Empty);
        Assert.True(reset.Modify.ResetPolicy);
        Assert.Null(reset.Modify.PolicyDocument);
    }

    [Fact]
    public void Missing_tags_are_set_and_foreign_tags_left()
    {
        var tags = new Dictionary<string, string>(Owned) { ["other"] = "x" };
        var desired = Gateway([]) with { Tags = new Dictionary<string, string>(Owned) { ["team"] = "platform" } };
        var delta = EndpointDiff.Compute(desired, Actual(tags: tags), ManagedSets.Empty);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, delta.TagsToSet);
    }

    [Fact]
    public void A_tag_the_operator_applied_and_the_spec_dropped_is_removed_and_foreign_tags_stay()
    {
        var actualTags = new Dictionary<string, string>(Owned) { ["team"] = "platform", ["cost-center"] = "42", ["other"] = "x" };
        var desired = Gateway([]) with { Tags = new Dictionary<string, string>(Owned) { ["team"] = "platform" } };
        var managed = ManagedSets.Empty with { TagKeys = ["cost-center", "team"] };
        var delta = EndpointDiff.Compute(desired, Actual(tags: actualTags), managed);
        Assert.Equal(["cost-center"], delta.TagKeysToRemove);
        Assert.Empty(delta.TagsToSet);
        Assert.Equal(["team"], delta.ManagedAfter.TagKeys);
        Assert.Equal(DriftReasons.TagsChanged, Assert.Single(delta.Differences).Reason);
    }

    [Theory]
    [InlineData("vpc-2", "com.amazonaws.eu-west-1.s3", "Gateway", "vpcId")]
    [InlineData("vpc-1", "com.amazonaws.eu-west-1.dynamodb", "Gateway", "serviceName")]
    [InlineData("vpc-1", "com.amazonaws.eu-west-1.s3", "Interface", "type")]
    public void Immutable_fields_are_refused_by_the_identity_check_and_adoption_is_a_conflict(string vpc, string service, string type, string field)
    {
        var desired = Gateway(["rtb-1"]);
        var self = new EndpointOwner("c", "ns", "n");
        var changed = EndpointIdentityCheck.Check(EndpointIdentityCheck.Of(desired), null, Actual(type, vpc: vpc, service: service), self, adopting: false)!;
        Assert.Equal((ReadyReasons.ImmutableFieldChanged, true), (changed.Reason, changed.KeepReady));
        Assert.StartsWith(field, changed.Message);
        var adopted = EndpointIdentityCheck.Check(EndpointIdentityCheck.Of(desired), null, Actual(type, vpc: vpc, service: service), self, adopting: true)!;
        Assert.Equal((ReadyReasons.AdoptionConflict, false), (adopted.Reason, adopted.KeepReady));
        Assert.Null(EndpointIdentityCheck.Check(EndpointIdentityCheck.Of(desired), null, Actual("Gateway"), self, adopting: false));
    }

    [Fact]
    public void An_untagged_endpoint_is_adopted_only_with_its_owners_opt_in_tag()
    {
        var wanted = EndpointIdentityCheck.Of(Gateway(["rtb-1"]));
        var self = new EndpointOwner("c", "ns", "n");
        var untagged = EndpointIdentityCheck.Check(wanted, null, Actual(tags: new Dictionary<string, string> { ["Name"] = "by-hand" }), self, adopting: true)!;
        Assert.Equal((ReadyReasons.AdoptionConflict, false), (untagged.Reason, untagged.KeepReady));
        Assert.Contains("vpce.io/adoptable=true", untagged.Message);
        Assert.NotNull(EndpointIdentityCheck.Check(wanted, null, Actual(tags: new Dictionary<string, string> { [OwnershipTags.Adoptable] = "yes" }), self, adopting: true));
        Assert.Null(EndpointIdentityCheck.Check(wanted, null, Actual(tags: new Dictionary<string, string> { [OwnershipTags.Adoptable] = "true" }), self, adopting: true));
        // Tagged for this very object, or no longer adopting (status names it): no opt-in needed.
        Assert.Null(EndpointIdentityCheck.Check(wanted, null, Actual(tags: OwnershipTags.For(self)), self, adopting: true));
        Assert.Null(EndpointIdentityCheck.Check(wanted, null, Actual(tags: new Dictionary<string, string>()), self, adopting: false));
    }

    [Fact]
    public void A_missing_prefix_list_route_asks_for_reassociation()
    {
        var tables = new[]
        {
            new AwsRouteTable("rtb-1", "vpc-1", [new AwsRoute(null, "pl-1", "vpce-1", null, "active")], [], false, Tag.None),
            new AwsRouteTable("rtb-2", "vpc-1", [new AwsRoute("10.0.0.0/16", null, "local", null, "active")], [], false, Tag.None),
        };
        var delta = EndpointDiff.Compute(Gateway(["rtb-1", "rtb-2"]), Actual(routeTables: ["rtb-1", "rtb-2"]), ManagedSets.Empty, "pl-1", tables);
        Assert.Equal(["rtb-2"], delta.ReassociateRouteTableIds);
        Assert.Equal(DriftReasons.RoutesMissing, Assert.Single(delta.Differences).Reason);
    }

    [Fact]
    public void A_missing_route_AWS_may_not_show_yet_is_awaited_not_drift()
    {
        var tables = new[]
        {
            new AwsRouteTable("rtb-1", "vpc-1", [new AwsRoute(null, "pl-1", "vpce-1", null, "active")], [], false, Tag.None),
            new AwsRouteTable("rtb-2", "vpc-1", [new AwsRoute("10.0.0.0/16", null, "local", null, "active")], [], false, Tag.None),
        };
        var delta = EndpointDiff.Compute(Gateway(["rtb-1", "rtb-2"]), Actual(routeTables: ["rtb-1", "rtb-2"]), ManagedSets.Empty, "pl-1", tables,
            routesMayShowLate: true);
        Assert.True(delta.IsEmpty);
        Assert.Empty(delta.ReassociateRouteTableIds);
        Assert.Equal(["rtb-2"], delta.RoutesNotShownYet);
        Assert.True(delta.AwaitsRoutes);
    }
}
