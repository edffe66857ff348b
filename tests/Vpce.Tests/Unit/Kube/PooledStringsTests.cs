using System.Text.Json;
using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit.Kube;

public sealed class PooledStringsTests
{
    // As the operator decodes: the CR types' generated contracts with the pool as their string converter.
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = CrdJsonContext.Default,
        Converters = { new PooledStrings() },
    };

    private static VpcEndpoint Decode(string name, string policy = "") =>
        ResourceDecoder.Decode<VpcEndpoint>(JsonDocument.Parse($$$"""
            {"metadata":{"name":"{{{name}}}","namespace":"team-0","labels":{"team":"team-0"}},
             "spec":{"serviceName":"s3","region":"eu-west-1","policyDocument":"{{{policy}}}"},
             "status":{"conditions":[{"type":"Ready","status":"False","reason":"NotFound","message":"spec.vpcId: VPC vpc-1 does not exist in eu-west-1"}]}}
            """).RootElement, Options);

    [Fact]
    public void Values_that_objects_repeat_are_decoded_to_one_instance()
    {
        var a = Decode("a");
        var b = Decode("b");

        Assert.Same(a.Metadata.Namespace, b.Metadata.Namespace);
        Assert.Same(a.Metadata.Labels!["team"], b.Metadata.Labels!["team"]);
        Assert.Same(a.Metadata.Namespace, a.Metadata.Labels!["team"]);
        Assert.Same(a.Spec.Region, b.Spec.Region);
        Assert.Same(a.Spec.ServiceName, b.Spec.ServiceName);
        var (ca, cb) = (a.Status!.Conditions[0], b.Status!.Conditions[0]);
        Assert.Same(ca.Type, cb.Type);
        Assert.Same(ca.Reason, cb.Reason);
        Assert.Same(ca.Message, cb.Message);
        Assert.Equal(("a", "b"), (a.Metadata.Name, b.Metadata.Name));
    }

    [Fact]
    public void Label_and_annotation_keys_are_pooled_too()
    {
        var (a, b) = (Decode("a"), Decode("b"));

        Assert.Same(a.Metadata.Labels!.Keys.Single(), b.Metadata.Labels!.Keys.Single());
        Assert.Equal("team", a.Metadata.Labels.Keys.Single());
    }

    [Fact]
    public void A_long_message_many_objects_repeat_is_one_instance_and_longer_values_are_decoded_as_usual()
    {
        // An advisory naming a VPC's subnets and route tables: a kilobyte or two, the same on every object in that VPC.
        var advisory = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"subnet-{i:x17} (the main route table rtb-{i:x17})"));
        Assert.InRange(advisory.Length, PooledStrings.MaxPooledBytes + 1, PooledStrings.MaxPooledLongBytes);
        var (a, b) = (DecodeWithMessage("a", advisory), DecodeWithMessage("b", advisory));
        Assert.Equal(advisory, a.Status!.Conditions[0].Message);
        Assert.Same(a.Status.Conditions[0].Message, b.Status!.Conditions[0].Message);

        var huge = new string('x', PooledStrings.MaxPooledLongBytes + 1);
        var (c, d) = (Decode("c", huge), Decode("d", huge));
        Assert.Equal(huge, c.Spec.PolicyDocument);
        Assert.NotSame(c.Spec.PolicyDocument, d.Spec.PolicyDocument);
    }

    [Fact]
    public void Long_values_met_once_do_not_evict_the_short_ones()
    {
        var first = Decode("a");
        for (var i = 0; i < 20_000; i++)
        {
            Decode($"n-{i}", $"policy-{i}-{new string('p', PooledStrings.MaxPooledBytes)}");
        }

        Assert.Same(first.Metadata.Namespace, Decode("b").Metadata.Namespace);
        Assert.Same(first.Status!.Conditions[0].Message, Decode("c").Status!.Conditions[0].Message);
    }

    [Fact]
    public void An_escaped_value_is_pooled_unescaped()
    {
        var (a, b) = (DecodeWithMessage("a", "the group's rule \"443\" admits 10.0.0.0/16"), DecodeWithMessage("b", "the group's rule \"443\" admits 10.0.0.0/16"));

        Assert.Equal("the group's rule \"443\" admits 10.0.0.0/16", a.Status!.Conditions[0].Message);
        Assert.Same(a.Status.Conditions[0].Message, b.Status!.Conditions[0].Message);
    }

    private static VpcEndpoint DecodeWithMessage(string name, string message) =>
        ResourceDecoder.Decode<VpcEndpoint>(JsonDocument.Parse($$$"""
            {"metadata":{"name":"{{{name}}}","namespace":"team-0"},"spec":{"serviceName":"s3"},
             "status":{"conditions":[{"type":"RoutesCovered","status":"False","reason":"SubnetsWithoutRoute","message":{{{JsonSerializer.Serialize(message)}}}}]}}
            """).RootElement, Options);

    [Fact]
    public void Escaped_non_ascii_and_null_values_decode_as_without_the_pool()
    {
        var json = """{"a":"tab\there","b":"caf\u00e9","c":"ünïcode","d":null,"e":""}""";

        var pooled = JsonSerializer.Deserialize<Dictionary<string, string?>>(json, new JsonSerializerOptions { Converters = { new PooledStrings() } })!;

        Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, string?>>(json), pooled);
        Assert.Equal("tab\there", pooled["a"]);
        Assert.Equal("café", pooled["b"]);
        Assert.Null(pooled["d"]);
    }

    [Fact]
    public void A_value_of_the_wrong_type_still_fails_with_its_path()
    {
        var json = """{"metadata":{"name":"a"},"spec":{"serviceName":5}}""";

        Assert.False(ResourceDecoder.TryDecode<VpcEndpoint>(JsonDocument.Parse(json).RootElement, Options, out _, out var undecodable));
        Assert.Equal("$.spec.serviceName", undecodable.Path);
    }
}
