using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class VpcEndpointSpecValidatorTests
{
    private static readonly ReconcileSettings Settings = new("eu-west-1", "test");

    private static VpcEndpointSpec Gateway() => new() { VpcId = "vpc-0a1b", ServiceName = "s3", RouteTableIds = ["rtb-01"] };

    [Fact]
    public void A_minimal_gateway_spec_gets_the_defaults()
    {
        Assert.Empty(VpcEndpointSpecValidator.Validate(Gateway(), Settings));
        Assert.Equal(new EndpointIdentity("eu-west-1", "com.amazonaws.eu-west-1.s3", "Gateway"), EndpointModel.Identity(Gateway(), Settings));
    }

    [Fact]
    public void The_spec_region_wins_over_the_operator_default()
    {
        var spec = Gateway();
        spec.Region = "us-east-2";
        Assert.Equal("us-east-2", EndpointModel.Identity(spec, Settings)!.Region);
    }

    [Fact]
    public void Gateway_endpoints_take_subnets_whose_route_tables_they_get()
    {
        var spec = Gateway();
        spec.RouteTableIds = null;
        spec.SubnetIds = ["subnet-01"];
        spec.SubnetSelector = new TagSelector { Tags = { ["tier"] = "app" } };
        Assert.Empty(VpcEndpointSpecValidator.Validate(spec, Settings));
        Assert.Equal("Gateway", EndpointModel.Identity(spec, Settings)!.Type);
    }

    public static TheoryData<string, Action<VpcEndpointSpec>> InvalidSpecs => new()
    {
        { "spec.vpcId", s => s.VpcId = null },
        { "spec.vpcId", s => s.VpcSelector = new TagSelector { Tags = { ["Name"] = "x" } } },
        { "spec.vpcId", s => s.VpcId = "vpc_0a1b" },
        { "spec.vpcSelector.tags", s => { s.VpcId = null; s.VpcSelector = new TagSelector(); } },
        { "spec.serviceName", s => s.ServiceName = "" },
        { "spec.serviceName", s => s.ServiceName = "com.amazonaws.us-east-1.s3" },
        { "spec.type", s => s.Type = "Gatewy" },
        { "spec.subnetIds[0]", s => s.SubnetIds = ["subnet_01"] },
        { "spec.securityGroupIds", s => s.SecurityGroupIds = ["sg-01"] },
        { "spec.securityGroupSelector", s => s.SecurityGroupSelector = new TagSelector { Tags = { ["Name"] = "vpc-endpoints" } } },
        { "spec.privateDnsEnabled", s => s.PrivateDnsEnabled = true },
        { "spec.routeTableIds[0]", s => s.RouteTableIds = ["rtb-XYZ"] },
        { "spec.policyDocument", s => s.PolicyDocument = "{not json" },
        { "spec.policyDocument", s => s.PolicyDocument = new string(' ', 20481) },
        { "spec.tags[vpce.io/name]", s => s.Tags = new() { ["vpce.io/name"] = "x" } },
        { "spec.tags[aws:cloudformation]", s => s.Tags = new() { ["aws:cloudformation"] = "x" } },
        { "spec.associationMode", s => s.AssociationMode = "Sometimes" },
        { "spec.deletionPolicy", s => s.DeletionPolicy = "Orphan" },
        { "spec.driftPolicy", s => s.DriftPolicy = "Ignore" },
        { "spec.endpointId", s => s.EndpointId = "vpc-123" },
        { "spec.region", s => s.Region = "Ireland" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field(string field, Action<VpcEndpointSpec> breakIt)
    {
        var spec = Gateway();
        breakIt(spec);
        Assert.Contains(VpcEndpointSpecValidator.Validate(spec, Settings), e => e.Field == field);
    }

    [Fact]
    public void Interface_endpoints_refuse_route_tables_and_need_subnets()
    {
        var spec = new VpcEndpointSpec { VpcId = "vpc-0a1b", ServiceName = "ssm", RouteTableIds = ["rtb-01"] };
        var errors = VpcEndpointSpecValidator.Validate(spec, Settings);
        Assert.Contains(errors, e => e.Field == "spec.routeTableIds");
        Assert.Contains(errors, e => e.Field == "spec.subnetIds" && e.Message.Contains("needs subnets"));
    }

    [Fact]
    public void Without_any_region_the_spec_is_refused()
    {
        var errors = VpcEndpointSpecValidator.Validate(Gateway(), Settings with { DefaultRegion = null });
        Assert.Contains(errors, e => e.Field == "spec.region");
    }

    private static VpcEndpointSpec Interface() => new() { VpcId = "vpc-0a1b", ServiceName = "ssm", SubnetIds = ["subnet-01"] };

    private static List<string> Ids(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}-{i:x4}").ToList();

    private static Dictionary<string, string> Tags(int count) => Enumerable.Range(1, count).ToDictionary(i => $"key{i}", i => "v");

    private static TagSelector Selector(int count) => new() { Tags = Tags(count) };

    private static IReadOnlyList<SpecError> Errors(VpcEndpointSpec spec) => VpcEndpointSpecValidator.Validate(spec, Settings);

    public static TheoryData<string, Func<VpcEndpointSpec>, bool> Bounds => new()
    {
        // field, a spec at or over a bound, whether the validator accepts it
        { "spec.tags", () => { var s = Gateway(); s.Tags = Tags(47); return s; }, true },
        { "spec.tags", () => { var s = Gateway(); s.Tags = Tags(48); return s; }, false },
        { "spec.tags[" + new string('k', 128) + "]", () => { var s = Gateway(); s.Tags = new() { [new string('k', 128)] = "v" }; return s; }, true },
        { "spec.tags[" + new string('k', 64) + "…]", () => { var s = Gateway(); s.Tags = new() { [new string('k', 129)] = "v" }; return s; }, false },
        { "spec.tags[]", () => { var s = Gateway(); s.Tags = new() { [""] = "v" }; return s; }, false },
        { "spec.tags[team]", () => { var s = Gateway(); s.Tags = new() { ["team"] = new string('v', 256) }; return s; }, true },
        { "spec.tags[team]", () => { var s = Gateway(); s.Tags = new() { ["team"] = new string('v', 257) }; return s; }, false },
        { "spec.tags[team]", () => { var s = Gateway(); s.Tags = new() { ["team"] = "" }; return s; }, true },
        { "spec.tags[AWS:x]", () => { var s = Gateway(); s.Tags = new() { ["AWS:x"] = "v" }; return s; }, false },
        { "spec.routeTableIds", () => { var s = Gateway(); s.RouteTableIds = Ids("rtb", 200); return s; }, true },
        { "spec.routeTableIds", () => { var s = Gateway(); s.RouteTableIds = Ids("rtb", 201); return s; }, false },
        { "spec.subnetIds", () => { var s = Interface(); s.SubnetIds = Ids("subnet", 16); return s; }, true },
        { "spec.subnetIds", () => { var s = Interface(); s.SubnetIds = Ids("subnet", 17); return s; }, false },
        { "spec.subnetIds", () => { var s = Gateway(); s.SubnetIds = Ids("subnet", 16); return s; }, true },
        { "spec.subnetIds", () => { var s = Gateway(); s.SubnetIds = Ids("subnet", 17); return s; }, false },
        { "spec.subnetSelector.tags", () => { var s = Gateway(); s.SubnetSelector = Selector(51); return s; }, false },
        { "spec.securityGroupIds", () => { var s = Interface(); s.SecurityGroupIds = Ids("sg", 16); return s; }, true },
        { "spec.securityGroupIds", () => { var s = Interface(); s.SecurityGroupIds = Ids("sg", 17); return s; }, false },
        { "spec.vpcSelector.tags", () => { var s = Gateway(); s.VpcId = null; s.VpcSelector = Selector(50); return s; }, true },
        { "spec.vpcSelector.tags", () => { var s = Gateway(); s.VpcId = null; s.VpcSelector = Selector(51); return s; }, false },
        { "spec.routeTableSelector.tags", () => { var s = Gateway(); s.RouteTableSelector = Selector(51); return s; }, false },
        { "spec.subnetSelector.tags", () => { var s = Interface(); s.SubnetSelector = Selector(51); return s; }, false },
        { "spec.subnetSelector.tags[tier]", () => { var s = Interface(); s.SubnetSelector = new() { Tags = { ["tier"] = new string('v', 257) } }; return s; }, false },
        { "spec.securityGroupSelector.tags", () => { var s = Interface(); s.SecurityGroupSelector = Selector(50); return s; }, true },
        { "spec.securityGroupSelector.tags", () => { var s = Interface(); s.SecurityGroupSelector = Selector(51); return s; }, false },
        { "spec.securityGroupSelector.tags", () => { var s = Interface(); s.SecurityGroupSelector = new TagSelector(); return s; }, false },
        { "spec.securityGroupSelector.tags[Name]", () => { var s = Interface(); s.SecurityGroupSelector = new() { Tags = { ["Name"] = new string('v', 257) } }; return s; }, false },
        { "spec.securityGroupSelector.tags[" + new string('k', 64) + "…]", () => { var s = Interface(); s.SecurityGroupSelector = new() { Tags = { [new string('k', 129)] = "v" } }; return s; }, false },
        // A selector may match the tags AWS itself puts on resources.
        { "spec.vpcSelector.tags[aws:cloudformation:stack-name]", () => { var s = Gateway(); s.VpcId = null; s.VpcSelector = new() { Tags = { ["aws:cloudformation:stack-name"] = "net" } }; return s; }, true },
        { "spec.region", () => { var s = Gateway(); s.Region = "eu-west"; return s; }, false },
        { "spec.region", () => { var s = Gateway(); s.Region = "mars-north-1x"; return s; }, false },
        { "spec.region", () => { var s = Gateway(); s.Region = "xx-fake-9"; return s; }, true },
        { "spec.vpcId", () => { var s = Gateway(); s.VpcId = "vpc-0a1b\n"; return s; }, false },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = "s3.hints-1" }; return s; }, true },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = new string('a', 253) }; return s; }, true },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = new string('a', 254) }; return s; }, false },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = "" }; return s; }, false },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = "S3_Hints" }; return s; }, false },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = "-hints" }; return s; }, false },
        { "spec.export.configMapName", () => { var s = Gateway(); s.Export = new() { ConfigMapName = "hints.\n" }; return s; }, false },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Bounds_are_those_of_AWS_and_a_refusal_names_the_field(string field, Func<VpcEndpointSpec> spec, bool valid)
    {
        var errors = Errors(spec());
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Field == field);
        }
    }

    [Fact]
    public void Too_many_tags_says_how_many_and_why()
    {
        var spec = Gateway();
        spec.Tags = Tags(60);
        var error = Assert.Single(Errors(spec));
        Assert.Equal("spec.tags", error.Field);
        Assert.Equal("60 tags; at most 47 besides the operator's 3 ownership tags (AWS allows 50 per resource)", error.Message);
    }

    [Fact]
    public void The_ownership_tags_are_the_three_the_tag_bound_leaves_room_for()
    {
        Assert.Equal(AwsLimits.OwnershipTags, OwnershipTags.For("c", "ns", "n").Count);
        Assert.Equal(AwsLimits.TagsPerResource, AwsLimits.UserTagsPerEndpoint + OwnershipTags.For("c", "ns", "n").Count);
    }

    [Fact]
    public void A_list_over_its_bound_is_refused_once_not_item_by_item()
    {
        var spec = Gateway();
        spec.RouteTableIds = Enumerable.Repeat("bad", 1000).ToList();
        var error = Assert.Single(Errors(spec));
        Assert.Equal(("spec.routeTableIds", "1000 route tables; at most 200"), (error.Field, error.Message));
    }

    [Fact]
    public void Many_bad_items_are_named_up_to_ten_then_counted()
    {
        var spec = Gateway();
        spec.RouteTableIds = Enumerable.Repeat("bad", 25).ToList();
        var errors = Errors(spec);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"spec.routeTableIds[{i}]"), errors.Take(10).Select(e => e.Field));
        Assert.Equal(new SpecError("spec.routeTableIds", "and 15 more route tables like these"), errors[10]);
        Assert.Equal(11, errors.Count);
    }

    [Fact]
    public void A_long_bad_value_is_shown_cut_short()
    {
        var spec = Gateway();
        spec.EndpointId = "vpce-" + new string('z', 5000);
        var error = Assert.Single(Errors(spec));
        Assert.Equal("spec.endpointId", error.Field);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Contains("(5005 characters)", error.Message);
    }
}
