using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>The Kubernetes ports as a process that can be killed sees them: the export ConfigMap's writes count as crash
/// points; after the crash no status, finalizer, event or ConfigMap write reaches the store.</summary>
public sealed class CrashingKubeApis(IKubeApis inner, CrashSwitch crash) : IKubeApis
{
    public IResourceClient<VpcEndpoint> VpcEndpoints { get; } = new CrashingResourceClient<VpcEndpoint>(inner.VpcEndpoints, crash);
    public IResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; } = new CrashingResourceClient<EndpointBucketPolicy>(inner.EndpointBucketPolicies, crash);
    public IResourceClient<AwsAccount> AwsAccounts { get; } = new CrashingResourceClient<AwsAccount>(inner.AwsAccounts, crash);
    public IResourceClient<KubeNamespace> Namespaces { get; } = new CrashingResourceClient<KubeNamespace>(inner.Namespaces, crash);
    public IEventRecorder Events { get; } = new CrashingEventRecorder(inner.Events, crash);
    public IConfigMapClient ConfigMaps { get; } = new CrashingConfigMapClient(inner.ConfigMaps, crash);
}
