using System.Security.Cryptography;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Ports.Kube;
using YamlDotNet.Core;

namespace Vpce.Operator.Kube;

/// <summary>The Kubernetes ports on a real API server.</summary>
public sealed class KubeApis : IKubeApis, IDisposable
{
    static KubeApis() => ModelJsonResolver.Ensure();

    public KubeApis(IKubernetes client, string @namespace, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        Client = client;
        Namespace = @namespace;
        VpcEndpoints = new KubeResourceClient<VpcEndpoint>(client);
        EndpointBucketPolicies = new KubeResourceClient<EndpointBucketPolicy>(client);
        AwsAccounts = new KubeResourceClient<AwsAccount>(client);
        Namespaces = new KubeNamespaceClient(client);
        Events = new KubeEventRecorder(client, time, loggers?.CreateLogger<KubeEventRecorder>());
        ConfigMaps = new KubeConfigMapClient(client);
    }

    public IKubernetes Client { get; }

    /// <summary>The operator's own namespace (in-cluster: the pod's; otherwise the kubeconfig context's, or "default").</summary>
    public string Namespace { get; }

    public IResourceClient<VpcEndpoint> VpcEndpoints { get; }

    public IResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; }

    public IResourceClient<AwsAccount> AwsAccounts { get; }

    public IResourceClient<KubeNamespace> Namespaces { get; }

    public IEventRecorder Events { get; }

    public IConfigMapClient ConfigMaps { get; }

    /// <summary>From a kubeconfig file, or with null: in-cluster config when in a pod, else $KUBECONFIG or ~/.kube/config.
    /// Every call goes through <see cref="RetryAfterHandler"/>, so the API server's throttling is waited out in one place.</summary>
    /// <exception cref="KubeconfigUnusableException">The configuration is missing, unreadable or invalid.</exception>
    public static KubeApis Connect(string? kubeconfigPath = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        var source = kubeconfigPath ?? "the default configuration";
        try
        {
            var inCluster = kubeconfigPath is null && KubernetesClientConfiguration.IsInCluster();
            if (inCluster) source = "the in-cluster configuration";
            var config = kubeconfigPath is not null ? KubeconfigFile.Load(kubeconfigPath)
                : inCluster ? KubernetesClientConfiguration.InClusterConfig()
                : KubeconfigFile.DefaultPath() is { } single ? KubeconfigFile.Load(source = single)
                : KubernetesClientConfiguration.BuildDefaultConfig(); // several files in $KUBECONFIG: the library merges them
            return new KubeApis(CreateClient(config, time, loggers), string.IsNullOrEmpty(config.Namespace) ? "default" : config.Namespace, time, loggers);
        }
        catch (Exception e) when (e is KubeConfigException or YamlException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KubeconfigUnusableException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The client every adapter of the operator uses: <see cref="RetryAfterHandler"/> first in its handler chain, then
    /// <paramref name="inner"/> (where a test stands in for the API server), then the network.</summary>
    internal static Kubernetes CreateClient(KubernetesClientConfiguration config, TimeProvider? time = null, ILoggerFactory? loggers = null,
        params DelegatingHandler[] inner) =>
        new(config, [new RetryAfterHandler(time, loggers?.CreateLogger<RetryAfterHandler>()), .. inner]);

    /// <summary>Leader election on the Lease <paramref name="leaseName"/> in <see cref="Namespace"/>.</summary>
    public KubeLeaderElection CreateLeaderElection(string leaseName = KubeLeaderElection.DefaultLeaseName, ILogger? logger = null) =>
        new(Client, Namespace, leaseName, logger: logger);

    public void Dispose() => Client.Dispose();
}
