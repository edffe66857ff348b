using System.Text.Json;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit;

public sealed class ResourceDecoderTests
{
    private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = CrdJsonContext.Default };

    private static UndecodableObject Undecodable(string json)
    {
        Assert.False(ResourceDecoder.TryDecode<VpcEndpoint>(JsonDocument.Parse(json).RootElement, Options, out _, out var undecodable));
        return undecodable;
    }

    [Fact]
    public void An_object_that_decodes_is_returned()
    {
        var json = """{"metadata":{"name":"a","namespace":"ns"},"spec":{"serviceName":"s3","tags":{"team":"platform"}}}""";
        Assert.True(ResourceDecoder.TryDecode<VpcEndpoint>(JsonDocument.Parse(json).RootElement, Options, out var resource, out _));
        Assert.Equal("platform", resource.Spec.Tags!["team"]);
    }

    [Fact]
    public void An_object_that_does_not_decode_is_described_by_its_metadata_the_failing_path_and_the_expected_type()
    {
        var undecodable = Undecodable("""
            {"metadata":{"name":"a","namespace":"ns","uid":"u-1","resourceVersion":"42"},"spec":{"tags":["team=platform"]}}
            """);

        Assert.Equal(new UndecodableObject(VpcEndpoint.KindName, "ns", "a", "u-1", "42", "$.spec.tags", "Dictionary<String, String>",
            undecodable.Error), undecodable);
        Assert.Equal("spec.tags", undecodable.FieldPath);
        Assert.Contains("could not be converted", undecodable.Error);
    }

    [Theory]
    [InlineData("""{"metadata":{"generation":"one"}}""", "$.metadata.generation", "Int64")]
    [InlineData("""{"spec":{"routeTableIds":"rtb-1"}}""", "$.spec.routeTableIds", "List<String>")]
    [InlineData("""{"spec":{"serviceName":7}}""", "$.spec.serviceName", "String")]
    public void The_expected_type_is_named_without_namespaces_or_the_optional_wrapper(string json, string path, string expected)
    {
        var undecodable = Undecodable(json);
        Assert.Equal((path, expected), (undecodable.Path, undecodable.ExpectedType));
    }

    [Fact]
    public void An_object_with_broken_metadata_still_says_what_it_can()
    {
        var undecodable = Undecodable("""{"metadata":{"name":"a","namespace":5}}""");
        Assert.Equal(("", "a", "$.metadata.namespace"), (undecodable.Namespace, undecodable.Name, undecodable.Path));
    }
}
