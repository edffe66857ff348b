using Vpce.Crds;

namespace Vpce.Tests.Runtime;

internal static class TestObjects
{
    public static VpcEndpoint Endpoint(string name, string @namespace = "default", string serviceName = "s3") => new()
    {
        Metadata = new ObjectMetadata { Name = name, Namespace = @namespace },
        Spec = new VpcEndpointSpec { ServiceName = serviceName, VpcId = "vpc-0abc" },
    };

    /// <summary>A VpcEndpoint as an older schema wrote it: spec.tags as a list of key/value pairs, where the type has a map.</summary>
    public static string OldSchemaEndpointJson(string name, string @namespace = "default") => $$$"""
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"{{{name}}}","namespace":"{{{@namespace}}}"},
         "spec":{"serviceName":"s3","vpcId":"vpc-0abc","tags":[{"key":"team","value":"platform"}]}}
        """;

    /// <summary>A safety net against a hang, in real time; the tests themselves run in virtual time.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
}
