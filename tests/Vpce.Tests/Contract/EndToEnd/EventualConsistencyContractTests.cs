using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Crds.Schema;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Controllers;
using Vpce.Operator.Observe;
using Vpce.Operator.Kube;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>The issue's measurement, as a test: four VpcEndpoint objects applied with kubectl to the real API server, the
/// real SDK adapters against the AWS endpoint behind a port that keeps a just-created endpoint invisible for 20 s of real
/// time (<see cref="LaggingEc2Api"/>). moto ignores ClientToken, so nothing but the operator's own reading of what it did
/// keeps it from a second create: four endpoints, and none left once the objects are deleted.</summary>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class EventualConsistencyContractTests : IClassFixture<AwsNetwork>
{
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);
    private readonly AwsNetwork _net;

    public EventualConsistencyContractTests(AwsNetwork net) => _net = net;

    [OperatorContractFact]
    public async Task Four_objects_make_four_endpoints_and_leave_none_under_a_20_s_lag()
    {
        var ns = "vpce-ec-" + _net.RunId;
        var cluster = "ec-" + _net.RunId;
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/vpcendpoints.vpce.io"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));
        // One route table each: an S3 gateway per table, four in one VPC, as AWS allows.
        var extra = (await _net.Ec2.CreateRouteTableAsync(new Amazon.EC2.Model.CreateRouteTableRequest
        {
            VpcId = _net.VpcId, TagSpecifications = [AwsNetwork.Tags("route-table", ("run", _net.RunId))],
        })).RouteTable.RouteTableId;
        var tables = _net.RouteTableIds.Append(extra).ToList();
        var names = Enumerable.Range(0, 4).Select(i => $"s3-{i}").ToList();

        using var metrics = new OperatorMetrics();
        using var kube = KubeApis.Connect(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"));
        var aws = new ResilientAwsApis(new LaggingAwsApis(_net.Apis, Lag, TimeProvider.System), new AwsResilienceOptions(), metrics, TimeProvider.System);
        var controller = VpcEndpointPhases.Controller(AccountResolver.OwnIdentityOnly(aws, TimeProvider.System, TimeSpan.FromMinutes(2), AwsNetwork.Region), kube.VpcEndpoints, kube.ConfigMaps, kube.Events, metrics,
            new ReconcileSettings(AwsNetwork.Region, cluster), TimeProvider.System, NullLogger.Instance);
        var host = new ControllerHost<VpcEndpoint>(kube.VpcEndpoints, controller,
            new ControllerOptions { Namespaces = [ns], ResyncInterval = TimeSpan.FromSeconds(5) }, metrics, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = new OperatorManager([host]).RunAsync(stop.Token);
        try
        {
            var manifests = string.Join("---\n", names.Select((name, i) => $$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: {{name}}, namespace: {{ns}}}
                spec:
                  vpcId: {{_net.VpcId}}
                  serviceName: s3
                  routeTableIds: [{{tables[i]}}]

                """));
            ContractWait.Ok(await Kubectl.RunAsync(manifests, "apply", "-f", "-"));
            foreach (var name in names)
            {
                await ContractWait.UntilAsync(async () => await kube.VpcEndpoints.GetAsync(ns, name, default) is { } r
                    && r.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == "True") == true ? r : null, Patience, $"{name} not Ready");
            }
            // Resyncs every 5 s, past the lag of every create.
            await Task.Delay(Lag);

            var made = await OwnedAsync(cluster);
            Assert.True(made.Count == 4, $"{made.Count} endpoints for four objects: {string.Join(", ", made.Select(e => $"{e.VpcEndpointId} ({e.State})"))}");
            foreach (var name in names)
            {
                var id = (await kube.VpcEndpoints.GetAsync(ns, name, default))!.Status!.EndpointId;
                Assert.Contains(made, e => e.VpcEndpointId == id && e.Tags[OwnershipTags.Name] == name);
            }

            ContractWait.Ok(await Kubectl.RunAsync(null, ["delete", "vpce", .. names, "-n", ns, "--wait=false"]));
            foreach (var name in names)
            {
                await ContractWait.UntilAsync(async () => await kube.VpcEndpoints.GetAsync(ns, name, default) is null ? "" : null, Patience, $"{name} not deleted");
            }
            var left = (await OwnedAsync(cluster)).Where(e => e.State != EndpointStates.Deleted).ToList();
            Assert.True(left.Count == 0, $"left on AWS: {string.Join(", ", left.Select(e => $"{e.VpcEndpointId} ({e.State})"))}");
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }

    /// <summary>Every endpoint on the AWS endpoint itself (no lag) that carries this run's cluster tag.</summary>
    private async Task<IReadOnlyList<AwsEndpoint>> OwnedAsync(string cluster) =>
        await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region,
            new EndpointQuery { Tags = new Dictionary<string, string> { [OwnershipTags.Cluster] = cluster } }, default);
}
