using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Vpce.Crds.Schema;

namespace Vpce.Tests.Crds;

public sealed class CrdYamlTests
{
    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Node(YamlMappingNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => (YamlMappingNode)n[key]);

    private static YamlMappingNode OpenApiSchema(YamlMappingNode crd) =>
        Node((YamlMappingNode)((YamlSequenceNode)Node(crd, "spec")["versions"])[0], "schema", "openAPIV3Schema");

    [Fact]
    public void Yaml_is_three_crd_documents_separated_by_document_markers()
    {
        var yaml = CrdGenerator.GenerateYaml();
        Assert.StartsWith("---\n", yaml);
        Assert.Equal(3, yaml.Split('\n').Count(line => line == "---"));
        var documents = Documents(yaml);
        Assert.Equal(3, documents.Count);
        Assert.All(documents, d =>
        {
            Assert.Equal("apiextensions.k8s.io/v1", ((YamlScalarNode)d["apiVersion"]).Value);
            Assert.Equal("CustomResourceDefinition", ((YamlScalarNode)d["kind"]).Value);
        });
        Assert.Equal(["awsaccounts.vpce.io", "endpointbucketpolicies.vpce.io", "vpcendpoints.vpce.io"],
            documents.Select(d => ((YamlScalarNode)Node(d, "metadata")["name"]).Value));
    }

    [Fact]
    public void Every_schema_parsed_back_is_structural()
    {
        foreach (var crd in Documents(CrdGenerator.GenerateYaml()))
            Assert.Empty(StructuralSchemaChecker.Problems(OpenApiSchema(crd)));
    }

    [Fact]
    public void The_checker_finds_a_non_structural_schema()
    {
        var broken = Documents("""
            type: object
            properties:
              spec:
                properties: {a: {type: string}}
                additionalProperties: {type: string}
              list: {type: array}
              mode: {type: string, enum: [A, B], default: C}
              ids: {type: string, maxItems: 3}
              tags: {type: object, maxProperties: 3, properties: {a: {type: string}}}
              count: {type: integer, maxLength: 3}
            """).Single();
        var problems = StructuralSchemaChecker.Problems(broken);
        Assert.Contains(problems, p => p.Contains("openAPIV3Schema.spec: missing or unknown type"));
        Assert.Contains(problems, p => p.Contains("properties together with additionalProperties"));
        Assert.Contains(problems, p => p.Contains("array without items"));
        Assert.Contains(problems, p => p.Contains("'C' is not one of the enum values"));
        Assert.Contains(problems, p => p.Contains("ids: maxItems on a non-array"));
        Assert.Contains(problems, p => p.Contains("tags: maxProperties on a non-map"));
        Assert.Contains(problems, p => p.Contains("count: maxLength or pattern on a non-string"));
    }

    [Fact]
    public void Yaml_keeps_every_cel_rule_of_the_model()
    {
        var parsed = Documents(CrdGenerator.GenerateYaml());
        var vpce = parsed.Single(d => ((YamlScalarNode)Node(d, "metadata")["name"]).Value == "vpcendpoints.vpce.io");
        var rules = (YamlSequenceNode)Node(OpenApiSchema(vpce), "properties", "spec")["x-kubernetes-validations"];
        Assert.Equal(3, rules.Children.Count);
        var serviceName = (YamlSequenceNode)Node(OpenApiSchema(vpce), "properties", "spec", "properties", "serviceName")["x-kubernetes-validations"];
        Assert.Equal("self == oldSelf", ((YamlScalarNode)((YamlMappingNode)serviceName[0])["rule"]).Value);
    }

    [Fact]
    public void Strings_that_yaml_1_1_reads_as_booleans_are_quoted()
    {
        // Kubernetes parses YAML 1.1, where a plain True or False is a boolean and would break the enum.
        var yaml = CrdGenerator.GenerateYaml();
        var crd = Documents(yaml).First();
        var status = (YamlSequenceNode)Node(OpenApiSchema(crd), "properties", "status", "properties", "conditions", "items", "properties", "status")["enum"];
        var values = status.Children.Cast<YamlScalarNode>().ToList();
        Assert.Equal(["True", "False", "Unknown"], values.Select(v => v.Value));
        Assert.All(values.Take(2), v => Assert.NotEqual(ScalarStyle.Plain, v.Style));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(CrdGenerator.GenerateYaml(), CrdGenerator.GenerateYaml());
    }

    [Fact]
    public void Output_uses_unix_line_endings() =>
        Assert.DoesNotContain("\r", CrdGenerator.GenerateYaml());
}
