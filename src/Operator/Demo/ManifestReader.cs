using System.Text.Json;
using Vpce.Crds;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Vpce.Operator.Demo;

/// <summary>Reads multi-document YAML manifests (as kubectl apply takes them) into the operator's custom resources.</summary>
public static class ManifestReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    private static readonly ISerializer Json = new SerializerBuilder().JsonCompatible().Build();

    public static IReadOnlyList<ICustomResource> Read(string yaml)
    {
        var resources = new List<ICustomResource>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            var document = Yaml.Deserialize<object?>(parser);
            if (document is null)
            {
                continue;
            }
            var json = Json.Serialize(document);
            using var parsed = JsonDocument.Parse(json);
            var kind = parsed.RootElement.TryGetProperty("kind", out var k) ? k.GetString() : null;
            resources.Add(kind switch
            {
                VpcEndpoint.KindName => JsonSerializer.Deserialize<VpcEndpoint>(json)!,
                EndpointBucketPolicy.KindName => JsonSerializer.Deserialize<EndpointBucketPolicy>(json)!,
                _ => throw new FormatException($"unknown kind \"{kind}\" in manifest; expected VpcEndpoint or EndpointBucketPolicy"),
            });
        }
        return resources;
    }
}
