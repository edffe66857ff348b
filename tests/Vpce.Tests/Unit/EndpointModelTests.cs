using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointModelTests
{
    private static readonly ReconcileSettings Settings = new("eu-west-1", "prod-cluster");

    private static VpcEndpoint Resource(Action<VpcEndpointSpec>? change = null)
    {
        var resource = new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = "ssm", Namespace = "platform", Uid = "11111111-2222-3333-4444-555555555555" },
            Spec = new VpcEndpointSpec { VpcId = "vpc-01", ServiceName = "ssm", SubnetIds = ["subnet-01"] },
        };
        change?.Invoke(resource.Spec);
        return resource;
    }

    private static ResolvedNetwork Network(string type = "Interface") => new()
    {
        Region = "eu-west-1", VpcId = "vpc-01", ServiceName = "com.amazonaws.eu-west-1.ssm", Type = type,
        Subnets = [new("subnet-01", "eu-west-1a", true)],
        SecurityGroupIds = ["sg-02", "sg-01"],
        RouteTableIds = ["rtb-02", "rtb-01", "rtb-02"],
    };

    [Fact]
    public void Interface_defaults_private_dns_on_and_sorts_sets()
    {
        var desired = EndpointModel.Build(Resource(), Settings, Network());
        Assert.True(desired.PrivateDnsEnabled);
        Assert.Equal(["sg-01", "sg-02"], desired.SecurityGroupIds);
        Assert.Empty(desired.RouteTableIds);
        Assert.False(desired.Additive);
        Assert.True(desired.CorrectDrift);
    }

    [Fact]
    public void Gateway_takes_route_tables_and_no_interface_fields()
    {
        var desired = EndpointModel.Build(Resource(), Settings, Network("Gateway"));
        Assert.Equal(["rtb-01", "rtb-02"], desired.RouteTableIds);
        Assert.Null(desired.PrivateDnsEnabled);
        Assert.Empty(desired.SubnetIds);
        Assert.Empty(desired.SecurityGroupIds);
    }

    [Fact]
    public void Ownership_tags_are_added_to_the_spec_tags()
    {
        var desired = EndpointModel.Build(Resource(s => s.Tags = new() { ["team"] = "platform" }), Settings, Network());
        Assert.Equal("platform", desired.Tags["team"]);
        Assert.Equal("prod-cluster", desired.Tags[OwnershipTags.Cluster]);
        Assert.Equal("platform", desired.Tags[OwnershipTags.Namespace]);
        Assert.Equal("ssm", desired.Tags[OwnershipTags.Name]);
    }

    [Fact]
    public void Modes_and_policies_come_from_the_spec()
    {
        var desired = EndpointModel.Build(Resource(s => { s.AssociationMode = "Additive"; s.DriftPolicy = "Report"; s.PrivateDnsEnabled = false; }), Settings, Network());
        Assert.True(desired.Additive);
        Assert.False(desired.CorrectDrift);
        Assert.False(desired.PrivateDnsEnabled);
    }

    [Fact]
    public void The_client_token_is_stable_for_an_object_and_fits_AWS()
    {
        var a = EndpointModel.Build(Resource(), Settings, Network()).ClientToken;
        var b = EndpointModel.Build(Resource(s => s.Tags = new() { ["x"] = "y" }), Settings, Network()).ClientToken;
        Assert.Equal(a, b);
        Assert.True(a.Length <= 64);
        var replaced = Resource();
        replaced.Status = new VpcEndpointStatus { EndpointId = "vpce-0deleted" };
        Assert.NotEqual(a, EndpointModel.Build(replaced, Settings, Network()).ClientToken);
    }

    [Fact]
    public void One_subnet_per_zone_explicit_ids_first_and_the_rest_named_as_skipped()
    {
        var (chosen, skipped) = EndpointModel.ChooseSubnets(
        [
            new("subnet-0c", "eu-west-1a", Explicit: false),
            new("subnet-0b", "eu-west-1a", Explicit: true),
            new("subnet-0a", "eu-west-1a", Explicit: false),
            new("subnet-0d", "eu-west-1b", Explicit: false),
            new("subnet-0e", "eu-west-1c", Explicit: false),
        ], serviceZones: ["eu-west-1a", "eu-west-1b"]);
        Assert.Equal(["subnet-0b", "subnet-0d"], chosen);
        Assert.Equal(["subnet-0a", "subnet-0c", "subnet-0e"], skipped.Select(s => s.SubnetId));
        Assert.Contains("eu-west-1a already has subnet-0b", skipped[0].Reason);
        Assert.Contains("not offered in eu-west-1c", skipped[2].Reason);
    }

    [Fact]
    public void A_subnet_named_by_id_and_by_selector_counts_once()
    {
        var (chosen, skipped) = EndpointModel.ChooseSubnets(
            [new("subnet-0a", "eu-west-1a", false), new("subnet-0a", "eu-west-1a", true)], []);
        Assert.Equal(["subnet-0a"], chosen);
        Assert.Empty(skipped);
    }
}
