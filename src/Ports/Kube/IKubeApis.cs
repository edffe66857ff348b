using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>The Kubernetes ports together, as the client adapter or the in-memory store provides them.</summary>
public interface IKubeApis
{
    IResourceClient<VpcEndpoint> VpcEndpoints { get; }
    IResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; }
    IEventRecorder Events { get; }
    IConfigMapClient ConfigMaps { get; }
}
