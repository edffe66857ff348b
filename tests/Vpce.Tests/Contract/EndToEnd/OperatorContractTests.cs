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
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>The whole operator, real adapters on both sides, as a user meets it: CRDs applied, an object applied with kubectl,
/// the endpoint made with its route tables, a route table edited away, the object deleted. Real time, bounded waits.</summary>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class OperatorContractTests : IClassFixture<AwsNetwork>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Task<T> Until<T>(Func<Task<T?>> probe) where T : class => ContractWait.UntilAsync(probe, Patience);
    private readonly AwsNetwork _net;

    public OperatorContractTests(AwsNetwork net) => _net = net;

    [OperatorContractFact]
    public async Task Apply_converge_edit_and_delete_through_kubectl()
    {
        var ns = "vpce-e2e-" + _net.RunId;
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/vpcendpoints.vpce.io"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));

        using var metrics = new OperatorMetrics();
        using var kube = KubeApis.Connect(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"));
        var aws = new ResilientAwsApis(_net.Apis, new AwsResilienceOptions(), metrics, TimeProvider.System);
        var controller = VpcEndpointPhases.Controller(AccountResolver.OwnIdentityOnly(aws, TimeProvider.System, TimeSpan.FromMinutes(2), AwsNetwork.Region), kube.VpcEndpoints, kube.ConfigMaps, kube.Events, metrics,
            new ReconcileSettings(AwsNetwork.Region, "e2e-" + _net.RunId), TimeProvider.System, NullLogger.Instance);
        var host = new ControllerHost<VpcEndpoint>(kube.VpcEndpoints, controller,
            new ControllerOptions { Namespaces = [ns], ResyncInterval = TimeSpan.FromSeconds(5) }, metrics, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = new OperatorManager([host]).RunAsync(stop.Token);
        try
        {
            var manifest = $$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: s3, namespace: {{ns}}}
                spec:
                  vpcId: {{_net.VpcId}}
                  serviceName: s3
                  routeTableIds: [{{_net.RouteTableIds[0]}}, {{_net.RouteTableIds[1]}}]
                """;
            ContractWait.Ok(await Kubectl.RunAsync(manifest, "apply", "-f", "-"));
            var ready = await Until(async () => await kube.VpcEndpoints.GetAsync(ns, "s3", default) is { } r
                && r.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == "True") == true ? r : null);
            var id = ready.Status!.EndpointId!;
            Assert.Equal(_net.RouteTableIds.Take(2).Order(), ready.Status.RouteTableIds);
            var tables = await _net.Apis.Ec2.DescribeRouteTablesAsync(AwsNetwork.Region, new() { Ids = [_net.RouteTableIds[0]] }, default);
            Assert.Contains(tables[0].Routes, r => r.GatewayId == id && r.DestinationPrefixListId == ready.Status.PrefixListId);
            var columns = ContractWait.Ok(await Kubectl.RunAsync(null, "get", "vpce", "-n", ns));
            Assert.Matches(@"s3\s+Gateway\s+com\.amazonaws\.eu-west-1\.s3\s+vpce-[0-9a-f]+\s+available\s+True\s+False", columns);

            ContractWait.Ok(await Kubectl.RunAsync(null, "patch", "vpce", "s3", "-n", ns, "--type", "merge", "-p",
                "{\"spec\":{\"routeTableIds\":[\"" + _net.RouteTableIds[0] + "\"]}}"));
            await Until(async () => (await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new() { EndpointIds = [id] }, default))
                .Single().RouteTableIds.SequenceEqual([_net.RouteTableIds[0]]) ? "" : null);

            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpce", "s3", "-n", ns, "--wait=false"));
            await Until(async () => await kube.VpcEndpoints.GetAsync(ns, "s3", default) is null ? "" : null);
            var endpoint = (await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new() { EndpointIds = [id] }, default)).Single();
            Assert.Equal("deleted", endpoint.State);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }
}
