using Vpce.Crds;

namespace Vpce.Ports.Kube;

/// <summary>The Kubernetes ports together, as the client adapter or the in-memory store provides them.</summary>
public interface IKubeApis
{
    IResourceClient<VpcEndpoint> VpcEndpoints { get; }
    IResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; }
    /// <summary>Cluster-scoped: list and watch with a null namespace, get with "".</summary>
    IResourceClient<AwsAccount> AwsAccounts { get; }
    /// <summary>Read only: namespace labels, for the AwsAccounts' namespaceSelector.</summary>
    IResourceClient<KubeNamespace> Namespaces { get; }
    IEventRecorder Events { get; }
    IConfigMapClient ConfigMaps { get; }
}
