using Vpce.Crds;

namespace Vpce.Tests.Runtime;

internal static class TestObjects
{
    public static VpcEndpoint Endpoint(string name, string @namespace = "default", string serviceName = "s3") => new()
    {
        Metadata = new ObjectMetadata { Name = name, Namespace = @namespace },
        Spec = new VpcEndpointSpec { ServiceName = serviceName, VpcId = "vpc-0abc" },
    };

    /// <summary>A safety net against a hang, in real time; the tests themselves run in virtual time.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
}
