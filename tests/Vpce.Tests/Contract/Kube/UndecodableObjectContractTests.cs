using k8s;
using Vpce.Crds;
using Vpce.Crds.Schema;
using Vpce.Operator.Kube;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Kube;
using Vpce.Tests.Contract.Crds;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Contract.Kube;

/// <summary>An object stored under an older schema on a real API server: the CRD is loosened (spec.tags accepts anything),
/// an object is created with spec.tags as a list, and the real CRD is put back, as after an upgrade. The client adapter's
/// list and watch deliver the good objects and report that one undecodable; the runtime reconciles a good object beside it
/// and records a DecodeFailed event on the bad one. Real time, bounded waits. (A watch from before the CRD was replaced is
/// 410 Gone, so the watch is checked on the bad object's deletion, whose event carries its undecodable last state.)</summary>
[Collection(KubeApiServerCollection.Name)]
public sealed class UndecodableObjectContractTests(KubeFixture fixture) : IClassFixture<KubeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string LoosenTags = """
        [{"op":"replace","path":"/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/tags",
          "value":{"description":"loosened for the test: anything goes","x-kubernetes-preserve-unknown-fields":true}}]
        """;

    [KubeContractFact]
    public async Task An_object_under_an_older_schema_is_reported_undecodable_and_every_other_object_is_delivered_and_reconciled()
    {
        var ns = fixture.Namespace;
        var client = new KubeResourceClient<VpcEndpoint>(fixture.Client);
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        await EstablishedAsync();

        ContractWait.Ok(await Kubectl.RunAsync(null, "patch", "crd", "vpcendpoints.vpce.io", "--type=json", "-p", LoosenTags));
        // The server serves the loosened schema a moment after the update: retry until it accepts the list.
        await UntilAsync(async () => (await Kubectl.RunAsync(Manifest("old", ns, "tags: [{key: team, value: platform}]"),
            "create", "--validate=false", "-f", "-")).Succeeded);
        // Replace, not apply: apply's three-way merge would keep the patched field (the last applied copy never had it).
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "replace", "--validate=false", "-f", "-"));
        await EstablishedAsync();
        // The real schema is served again once it refuses the old shape.
        await UntilAsync(async () => !(await Kubectl.RunAsync(Manifest("probe", ns, "tags: [a]"), "create", "--validate=false", "-f", "-")).Succeeded);
        ContractWait.Ok(await Kubectl.RunAsync(Manifest("good", ns, "tags: {team: platform}"), "create", "--validate=false", "-f", "-"));

        var list = await client.ListAllAsync(ns, CancellationToken.None);
        Assert.Equal(["good"], list.Items.Select(o => o.Metadata.Name));
        Assert.Equal("platform", list.Items[0].Spec.Tags!["team"]);
        var old = Assert.Single(list.Undecodable);
        Assert.Equal((VpcEndpoint.KindName, ns, "old", "$.spec.tags", "Dictionary<String, String>"),
            (old.Kind, old.Namespace, old.Name, old.Path, old.ExpectedType));
        Assert.False(string.IsNullOrEmpty(old.Uid));
        Assert.False(string.IsNullOrEmpty(old.ResourceVersion));

        // The runtime: the cache syncs, the good object is reconciled, the bad one is announced on the object itself.
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);
        var reconciled = new List<string>();
        var reconciler = new ScriptedReconciler((resource, _) =>
        {
            lock (reconciled) reconciled.Add(resource.Metadata.Name);
            return Task.FromResult(ReconcileResult.Done);
        });
        var host = new ControllerHost<VpcEndpoint>(client, reconciler, new ControllerOptions { Namespaces = [ns] }, metrics,
            TimeProvider.System, events: new KubeEventRecorder(fixture.Client));
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        try
        {
            await UntilAsync(() => Task.FromResult(host.HasSynced && Reconciled(reconciled, "good")));
            Assert.Equal("old", Assert.Single(host.Informers[0].Undecodable).Name);
            Assert.False(Reconciled(reconciled, "old"));
            Assert.Equal(1, probe.Gauge("vpce_undecodable_objects", "kind", VpcEndpoint.KindName));
            var announced = await UntilAsync(async () => (await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items
                .SingleOrDefault(e => e.Reason == Informer<VpcEndpoint>.DecodeFailedReason && e.InvolvedObject.Name == "old"));
            Assert.Equal(EventTypes.Warning, announced.Type);
            Assert.Equal((VpcEndpoint.KindName, CrdGroup.ApiVersion, old.Uid), (announced.InvolvedObject.Kind,
                announced.InvolvedObject.ApiVersion, announced.InvolvedObject.Uid));
            Assert.Contains("spec.tags", announced.Message);

            // A watch stream with an undecodable item (the bad object's deletion carries its last, undecodable state):
            // it is reported in place and the watch goes on to the next object.
            using var cts = new CancellationTokenSource(Patience);
            var events = client.WatchAsync(ns, list.ResourceVersion, cts.Token).GetAsyncEnumerator(cts.Token);
            var seen = new List<WatchEvent<VpcEndpoint>>();
            var reading = Task.Run(async () =>
            {
                while (await events.MoveNextAsync())
                {
                    if (events.Current.Kind == WatchEventKind.Bookmark) continue;
                    seen.Add(events.Current);
                    if (events.Current.Object?.Metadata.Name == "later") return;
                }
            }, cts.Token);
            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpcendpoints.vpce.io", "old", "-n", ns, "--wait=false"));
            ContractWait.Ok(await Kubectl.RunAsync(Manifest("later", ns, "tags: {team: platform}"), "create", "--validate=false", "-f", "-"));
            await reading.WaitAsync(Patience);
            await events.DisposeAsync();
            var deleted = Assert.Single(seen, s => s.Undecodable is not null);
            Assert.Equal((WatchEventKind.Deleted, "old", "$.spec.tags", old.Uid),
                (deleted.Kind, deleted.Undecodable!.Name, deleted.Undecodable.Path, deleted.Undecodable.Uid));
            Assert.Equal(WatchEventKind.Added, seen[^1].Kind);

            // The informer saw the same: the deleted object leaves the gauge, the next one is reconciled.
            await UntilAsync(() => Task.FromResult(Reconciled(reconciled, "later") && host.Informers[0].Undecodable.Count == 0));
            Assert.Equal(0, probe.Gauge("vpce_undecodable_objects", "kind", VpcEndpoint.KindName));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private static bool Reconciled(List<string> reconciled, string name)
    {
        lock (reconciled) return reconciled.Contains(name);
    }

    private static string Manifest(string name, string ns, string tags) => $$"""
        apiVersion: vpce.io/v1alpha1
        kind: VpcEndpoint
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          vpcId: vpc-0a1b2c3d
          serviceName: s3
          {{tags}}
        """;

    private static async Task EstablishedAsync() =>
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for=condition=Established", "--timeout=60s", "crd/vpcendpoints.vpce.io"));

    private static async Task UntilAsync(Func<Task<bool>> done) => await UntilAsync(async () => await done() ? "" : null);

    private static Task<T> UntilAsync<T>(Func<Task<T?>> probe) where T : class => ContractWait.UntilAsync(probe, Patience, "not reached in time");
}
