using Vpce.Crds;
using Vpce.Operator.Demo;

namespace Vpce.Tests.Unit;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Every_example_parses_into_a_valid_resource()
    {
        var root = RepoRoot.Find();
        var files = Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var resources = ManifestReader.Read(File.ReadAllText(file));
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.Equal(CrdGroup.ApiVersion, r.ApiVersion));
        }
    }

    [Fact]
    public void Every_example_finds_its_vpc_subnets_route_tables_and_security_groups_by_tags_never_by_id()
    {
        var settings = new Vpce.Operator.Model.ReconcileSettings("eu-west-1", "examples");
        var endpoints = Directory.GetFiles(Path.Combine(RepoRoot.Find(), "examples"), "*.yaml")
            .SelectMany(file => ManifestReader.Read(File.ReadAllText(file))).OfType<VpcEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        foreach (var spec in endpoints.Select(e => e.Spec))
        {
            // An id exists in one account only; the labs' tags (Name, tier) exist wherever the labs were built.
            Assert.Null(spec.VpcId);
            Assert.Null(spec.EndpointId);
            Assert.True(spec.RouteTableIds is null && spec.SubnetIds is null && spec.SecurityGroupIds is null, spec.ServiceName);
            Assert.NotNull(spec.VpcSelector);
            Assert.Empty(Vpce.Operator.Model.VpcEndpointSpecValidator.Validate(spec, settings));
            if (Vpce.Operator.Model.EndpointModel.Identity(spec, settings)!.Type == EndpointTypes.Interface)
            {
                Assert.NotNull(spec.SubnetSelector);
                Assert.NotNull(spec.SecurityGroupSelector);
            }
            else
            {
                Assert.NotNull(spec.RouteTableSelector);
            }
        }
    }

    [Fact]
    public void Documents_keep_their_types()
    {
        var resources = ManifestReader.Read("""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {name: a, namespace: n}
            spec: {vpcId: vpc-01, serviceName: ssm, subnetIds: [subnet-01], privateDnsEnabled: false, tags: {port: "443"}}
            ---
            apiVersion: vpce.io/v1alpha1
            kind: EndpointBucketPolicy
            metadata: {name: b, namespace: n}
            spec: {bucket: reports, vpcEndpointIds: [vpce-01]}
            """);
        var endpoint = Assert.IsType<VpcEndpoint>(resources[0]);
        Assert.False(endpoint.Spec.PrivateDnsEnabled);
        Assert.Equal("443", endpoint.Spec.Tags!["port"]);
        Assert.Equal(["subnet-01"], endpoint.Spec.SubnetIds);
        Assert.Equal("reports", Assert.IsType<EndpointBucketPolicy>(resources[1]).Spec.Bucket);
    }

    [Fact]
    public void An_unknown_kind_is_refused_by_name() =>
        Assert.Contains("Deployment", Assert.Throws<FormatException>(() => ManifestReader.Read("apiVersion: apps/v1\nkind: Deployment\n")).Message);
}
