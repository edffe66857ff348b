using Microsoft.Extensions.Logging;
using Vpce.Operator.Apply;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;

namespace Vpce.Operator.Controllers;

/// <summary>What the VpcEndpoint phases read and write through in one account: its catalog, its snapshot (kept current by the
/// write-through layer around its EC2 port), the readers, the applier and the finalizer. One per account scope, made when the
/// scope's first object comes; the snapshot's regions go with the scope's last object there.</summary>
public sealed class EndpointRooms : IScopedRooms
{
    public EndpointRooms(AccountScope scope, ReconcileSettings settings, TimeProvider time, ILogger logger)
    {
        Scope = scope;
        var catalog = new RegionCatalog(scope.Aws.Ec2, time);
        var snapshot = new EndpointSnapshot(scope.Aws.Ec2, time, settings.ClusterName, settings.SnapshotWindow, settings.AdvisoryWindow);
        scope.Regions.RegionUnused += snapshot.EvictRegion;
        // Every fresh read and every write below goes through it, so the snapshot stays current without being told.
        var ec2 = new WriteThroughEc2Api(scope.Aws.Ec2, snapshot, settings.ClusterName);
        Resolver = new EndpointReferenceResolver(ec2, catalog, snapshot);
        Reader = new EndpointReader(ec2, catalog, snapshot, settings);
        Applier = new EndpointApplier(ec2);
        Advisory = new AdvisoryReader(snapshot, catalog, scope.Reads, time, settings.SnapshotWindow, logger);
        Gateways = new GatewayEndpointReader(snapshot, catalog);
        Finalizer = new VpcEndpointFinalizer(Reader, Applier, settings, time);
    }

    public AccountScope Scope { get; }
    public EndpointReferenceResolver Resolver { get; }
    public EndpointReader Reader { get; }
    public EndpointApplier Applier { get; }
    public AdvisoryReader Advisory { get; }
    public GatewayEndpointReader Gateways { get; }
    public VpcEndpointFinalizer Finalizer { get; }
}
