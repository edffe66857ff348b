using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Hosting;

/// <summary>Both controllers, wired the same way for the run verb and the in-memory operator: a host per kind, and a
/// bucket policy queued again whenever the VpcEndpoint it references changes.</summary>
public sealed class OperatorControllers
{
    public OperatorControllers(IAwsApis aws, IKubeApis kube, OperatorMetrics metrics, ReconcileSettings settings,
        ControllerOptions options, TimeProvider time, ILoggerFactory loggers, RegionsInUse? regions = null)
    {
        // One regional read of AWS per resync interval serves every object's resync in it.
        settings = settings with { SnapshotWindow = options.ResyncInterval > TimeSpan.Zero ? options.ResyncInterval : settings.SnapshotWindow };
        // A bucket's location and the caller identity are read once for both kinds.
        var account = AccountReads.For(aws, time, settings.SnapshotWindow, settings.DefaultRegion);
        VpcEndpointController = VpcEndpointPhases.Controller(aws, kube.VpcEndpoints, kube.ConfigMaps, kube.Events, metrics, settings, time,
            loggers.CreateLogger<VpcEndpointPhases>(), regions, account);
        Endpoints = new ControllerHost<VpcEndpoint>(kube.VpcEndpoints, VpcEndpointController, options, metrics, time,
            loggers.CreateLogger<ControllerHost<VpcEndpoint>>(), kube.Events);
        var endpoints = Endpoints;
        BucketPolicyController = EndpointBucketPolicyPhases.Controller(aws, kube.EndpointBucketPolicies, kube.Events,
            (@namespace, name) => endpoints.Get(@namespace, name), metrics, settings, time,
            loggers.CreateLogger<EndpointBucketPolicyPhases>(), regions, account);
        BucketPolicies = new ControllerHost<EndpointBucketPolicy>(kube.EndpointBucketPolicies, BucketPolicyController, options, metrics, time,
            loggers.CreateLogger<ControllerHost<EndpointBucketPolicy>>(), kube.Events);
        // spec.vpcEndpointRef is read from the VpcEndpoint cache: a bucket policy reconciled before it synced would see none.
        BucketPolicies.AlsoWaitForSyncOf(Endpoints);
        ReferenceWatch.Connect(Endpoints, BucketPolicies, (policy, endpoint) =>
            policy.Metadata.Namespace == endpoint.Metadata.Namespace && policy.Spec.VpcEndpointRef?.Name == endpoint.Metadata.Name);
    }

    public ReconcileSkeleton<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, VpcEndpointPass> VpcEndpointController { get; }
    public ControllerHost<VpcEndpoint> Endpoints { get; }
    public ReconcileSkeleton<EndpointBucketPolicy, EndpointBucketPolicyStatus, BucketPolicySyncResult, BucketPolicyPass> BucketPolicyController { get; }
    public ControllerHost<EndpointBucketPolicy> BucketPolicies { get; }

    public IReadOnlyList<IControllerHost> All => [Endpoints, BucketPolicies];
}
