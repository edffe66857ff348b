using Vpce.Crds;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Component;

/// <summary>The in-memory store behind clients whose watches a test can hold back, as a real API server's watch lags the
/// answers to the writes it reports (the in-memory store delivers an event before the write returns).</summary>
internal sealed class LaggingKube(InMemoryKube kube) : IKubeApis
{
    public GatedResourceClient<VpcEndpoint> VpcEndpoints { get; } = new(kube.VpcEndpoints);

    public GatedResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; } = new(kube.EndpointBucketPolicies);

    public IResourceClient<AwsAccount> AwsAccounts => kube.AwsAccounts;

    public IResourceClient<KubeNamespace> Namespaces => kube.Namespaces;

    public IEventRecorder Events => kube.Events;

    public IConfigMapClient ConfigMaps => kube.ConfigMaps;

    IResourceClient<VpcEndpoint> IKubeApis.VpcEndpoints => VpcEndpoints;

    IResourceClient<EndpointBucketPolicy> IKubeApis.EndpointBucketPolicies => EndpointBucketPolicies;
}
