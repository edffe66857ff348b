using Vpce.Crds;
using Vpce.Ports.Kube;

namespace Vpce.Simulation.Kube;

/// <summary>An in-memory Kubernetes API for both kinds, events, Leases and ConfigMaps, sharing one resourceVersion sequence
/// like etcd; a VpcEndpoint that leaves the store takes the ConfigMaps it controls with it, as the garbage collector does.</summary>
public sealed class InMemoryKube : IKubeApis
{
    public InMemoryKube(TimeProvider? time = null)
    {
        var clock = new InMemoryRevisionClock();
        VpcEndpoints = new InMemoryResourceClient<VpcEndpoint>(time, clock, Outage);
        EndpointBucketPolicies = new InMemoryResourceClient<EndpointBucketPolicy>(time, clock, Outage);
        AwsAccounts = new InMemoryResourceClient<AwsAccount>(time, clock, Outage);
        Namespaces = new InMemoryResourceClient<KubeNamespace>(time, clock, Outage);
        Events = new InMemoryEventRecorder(time, Outage);
        Leases = new InMemoryLeases(clock, Outage);
        ConfigMaps = new InMemoryConfigMaps(clock, Outage);
        VpcEndpoints.Removed += gone =>
        {
            if (gone.Metadata.Uid is { } uid) ConfigMaps.CollectOwnedBy(uid);
        };
    }

    public InMemoryResourceClient<VpcEndpoint> VpcEndpoints { get; }

    public InMemoryResourceClient<EndpointBucketPolicy> EndpointBucketPolicies { get; }

    public InMemoryResourceClient<AwsAccount> AwsAccounts { get; }

    public InMemoryResourceClient<KubeNamespace> Namespaces { get; }

    /// <summary>Creates the namespace or replaces its labels, as <c>kubectl label ns</c> does.</summary>
    public KubeNamespace LabelNamespace(string name, IReadOnlyDictionary<string, string> labels) =>
        Namespaces.Apply(new KubeNamespace { Metadata = new ObjectMetadata { Name = name, Labels = new Dictionary<string, string>(labels) } });

    public InMemoryEventRecorder Events { get; }

    /// <summary>The Leases operators on this store elect a leader on (<see cref="InMemoryLeaseElection"/>).</summary>
    public InMemoryLeases Leases { get; }

    public InMemoryConfigMaps ConfigMaps { get; }

    /// <summary>Whether the API server can be reached (<see cref="TakeAway"/>, <see cref="BringBack"/>).</summary>
    public InMemoryOutage Outage { get; } = new();

    IResourceClient<VpcEndpoint> IKubeApis.VpcEndpoints => VpcEndpoints;

    IResourceClient<EndpointBucketPolicy> IKubeApis.EndpointBucketPolicies => EndpointBucketPolicies;

    IResourceClient<AwsAccount> IKubeApis.AwsAccounts => AwsAccounts;

    IResourceClient<KubeNamespace> IKubeApis.Namespaces => Namespaces;

    IEventRecorder IKubeApis.Events => Events;

    IConfigMapClient IKubeApis.ConfigMaps => ConfigMaps;

    /// <summary>Drops every object of both kinds, their history, the events and the ConfigMaps without a watch event, as if
    /// the API server's process were gone: the bench weighs the operator this way, once it has stopped, apart from the store
    /// that shares its process. Leases stay (a few bytes).</summary>
    public void Discard()
    {
        VpcEndpoints.Discard();
        EndpointBucketPolicies.Discard();
        AwsAccounts.Discard();
        Namespaces.Discard();
        Events.Discard();
        ConfigMaps.Discard();
    }

    /// <summary>The API server goes away, as when its process is killed for a control-plane upgrade: open watches break and
    /// every call of the ports (both kinds, ConfigMaps, the Lease) fails as a refused connection does, until
    /// <see cref="BringBack"/>. Nothing stored is lost, history included.</summary>
    public void TakeAway()
    {
        Outage.Begin();
        VpcEndpoints.BreakWatches(InMemoryOutage.Refused("watch vpcendpoints"));
        EndpointBucketPolicies.BreakWatches(InMemoryOutage.Refused("watch endpointbucketpolicies"));
    }

    /// <summary>The API server answers again, with every object and its history as they were.</summary>
    public void BringBack() => Outage.End();

    /// <summary>Ends every open watch of both kinds.</summary>
    public void DropWatches()
    {
        VpcEndpoints.DropWatches();
        EndpointBucketPolicies.DropWatches();
    }

    /// <summary>Compacts both kinds' history: open watches and watches from old resourceVersions get 410 Gone.</summary>
    public void ExpireResourceVersions()
    {
        VpcEndpoints.ExpireResourceVersions();
        EndpointBucketPolicies.ExpireResourceVersions();
    }
}
