using Vpce.Crds.Schema;

namespace Vpce.Tests.Crds;

/// <summary>Shortcuts into the generator's output for the schema tests.</summary>
internal static class GeneratedCrds
{
    public static CustomResourceDefinition Named(string name) =>
        CrdGenerator.Generate().Single(crd => crd.Metadata.Name == name);

    public static CustomResourceDefinition VpcEndpointCrd => Named("vpcendpoints.vpce.io");
    public static CustomResourceDefinition EndpointBucketPolicyCrd => Named("endpointbucketpolicies.vpce.io");

    public static JsonSchema Root(CustomResourceDefinition crd) => Assert.Single(crd.Spec.Versions).Schema.OpenApiV3Schema;
    public static JsonSchema Spec(CustomResourceDefinition crd) => Root(crd).Properties!["spec"];
    public static JsonSchema Status(CustomResourceDefinition crd) => Root(crd).Properties!["status"];
    public static JsonSchema SpecField(CustomResourceDefinition crd, string field) => Spec(crd).Properties![field];
}
