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
        var (identity, errors) = VpcEndpointSpecValidator.Validate(Gateway(), Settings);
        Assert.Empty(errors);
        Assert.Equal(new EndpointIdentity("eu-west-1", "com.amazonaws.eu-west-1.s3", "Gateway"), identity);
    }

    [Fact]
    public void The_spec_region_wins_over_the_operator_default()
    {
        var spec = Gateway();
        spec.Region = "us-east-2";
        Assert.Equal("us-east-2", VpcEndpointSpecValidator.Validate(spec, Settings).Identity!.Region);
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
        { "spec.subnetIds", s => s.SubnetIds = ["subnet-01"] },
        { "spec.securityGroupIds", s => s.SecurityGroupIds = ["sg-01"] },
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
        var (identity, errors) = VpcEndpointSpecValidator.Validate(spec, Settings);
        Assert.Null(identity);
        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void Interface_endpoints_refuse_route_tables_and_need_subnets()
    {
        var spec = new VpcEndpointSpec { VpcId = "vpc-0a1b", ServiceName = "ssm", RouteTableIds = ["rtb-01"] };
        var errors = VpcEndpointSpecValidator.Validate(spec, Settings).Errors;
        Assert.Contains(errors, e => e.Field == "spec.routeTableIds");
        Assert.Contains(errors, e => e.Field == "spec.subnetIds" && e.Message.Contains("needs subnets"));
    }

    [Fact]
    public void Without_any_region_the_spec_is_refused()
    {
        var errors = VpcEndpointSpecValidator.Validate(Gateway(), Settings with { DefaultRegion = null }).Errors;
        Assert.Contains(errors, e => e.Field == "spec.region");
    }
}
