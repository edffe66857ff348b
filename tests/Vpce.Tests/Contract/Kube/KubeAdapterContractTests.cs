using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;
using k8s.Models;
using k8s;

namespace Vpce.Tests.Contract.Kube;

[Collection(KubeApiServerCollection.Name)]
public sealed class KubeAdapterContractTests(KubeFixture fixture) : IClassFixture<KubeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private KubeResourceClient<VpcEndpoint> Endpoints => new(fixture.Client);

    [KubeContractFact]
    public async Task Lists_then_watches_from_the_list_resource_version()
    {
        var ns = fixture.Namespace;
        await CreateAsync("listed");
        var list = await Endpoints.ListAllAsync(ns, CancellationToken.None);
        Assert.Contains(list.Items, o => o.Metadata.Name == "listed" && o.Spec.ServiceName == "s3");

        using var cts = new CancellationTokenSource(Patience);
        var events = Endpoints.WatchAsync(ns, list.ResourceVersion, cts.Token).GetAsyncEnumerator(cts.Token);
        var watching = events.MoveNextAsync();
        await CreateAsync("watched");
        Assert.True(await watching);
        Assert.Equal((WatchEventKind.Added, "watched"), (events.Current.Kind, events.Current.Object?.Metadata.Name));

        await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(CrdGroup.Group, CrdGroup.Version, ns, "vpcendpoints", "watched");
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventKind.Deleted, events.Current.Kind);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
    }

    [KubeContractFact]
    public async Task A_list_comes_in_pages_of_the_limit_all_from_one_snapshot()
    {
        foreach (var name in new[] { "paged-1", "paged-2", "paged-3", "paged-4", "paged-5" }) await CreateAsync(name);
        var paged = new KubeResourceClient<VpcEndpoint>(fixture.Client, pageSize: 2);

        var pages = new List<ResourceListPage<VpcEndpoint>>();
        await foreach (var page in paged.ListAsync(fixture.Namespace, CancellationToken.None))
        {
            pages.Add(page);
            // Created after the first page: the continue token reads the first page's snapshot, so it is not listed.
            if (pages.Count == 1) await CreateAsync("paged-6");
        }

        Assert.True(pages.Count >= 3);
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 0, 2));
        Assert.Equal(pages.Count - 1, pages.FindIndex(p => p.IsLast));
        Assert.Single(pages.Select(p => p.ResourceVersion).Distinct());
        var names = pages.SelectMany(p => p.Items).Select(o => o.Metadata.Name).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "paged-1", "paged-2", "paged-3", "paged-4", "paged-5" });
        Assert.DoesNotContain("paged-6", names);
    }

    [KubeContractFact]
    public async Task A_watch_from_a_compacted_resource_version_is_410_Gone()
    {
        await CreateAsync("expiring");
        using var cts = new CancellationTokenSource(Patience);
        await Assert.ThrowsAsync<ResourceExpiredException>(async () =>
        {
            await foreach (var _ in Endpoints.WatchAsync(fixture.Namespace, "1", cts.Token)) { }
        });
    }

    [KubeContractFact]
    public async Task Status_patch_writes_status_without_bumping_generation()
    {
        var created = await CreateAsync("status");
        created.Status = new VpcEndpointStatus { State = "available", EndpointId = "vpce-0123", ObservedGeneration = 1 };
        var patched = await Endpoints.PatchStatusAsync(created, CancellationToken.None);

        Assert.Equal(created.Metadata.Generation, patched.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal("available", patched.Status!.State);

        // A field cleared in the status is removed on the server (the patch carries the whole status).
        patched.Status.EndpointId = null;
        var cleared = await Endpoints.PatchStatusAsync(patched, CancellationToken.None);
        var read = await Endpoints.GetAsync(fixture.Namespace, "status", CancellationToken.None);
        Assert.Null(cleared.Status!.EndpointId);
        Assert.Null(read!.Status!.EndpointId);
        Assert.Equal("available", read.Status.State);

        // Empty lists are left out of the stored status, so kubectl describe shows only what is there.
        read.Status.RouteTableIds = ["rtb-0123"];
        await Endpoints.PatchStatusAsync(read, CancellationToken.None);
        var stored = await Vpce.Tests.Contract.Crds.Kubectl.RunAsync(null, "get", "vpce", "status", "-n", fixture.Namespace, "-o", "json");
        Assert.True(stored.ExitCode == 0, stored.ToString());
        var status = System.Text.Json.Nodes.JsonNode.Parse(stored.Stdout)!["status"]!.AsObject();
        Assert.True(status.ContainsKey("routeTableIds"));
        Assert.False(status.ContainsKey("subnetIds"));
        Assert.False(status.ContainsKey("drift"));
        Assert.False(status.ContainsKey("conditions"));
    }

    [KubeContractFact]
    public async Task Finalizer_patch_is_guarded_by_the_resource_version()
    {
        var created = await CreateAsync("finalized");
        var withFinalizer = await Endpoints.PatchFinalizersAsync(created, [CrdGroup.Finalizer], CancellationToken.None);
        Assert.Equal([CrdGroup.Finalizer], withFinalizer.Metadata.Finalizers);

        // created carries the old resourceVersion now.
        await Assert.ThrowsAsync<ConflictException>(() => Endpoints.PatchFinalizersAsync(created, [], CancellationToken.None));

        var removed = await Endpoints.PatchFinalizersAsync(withFinalizer, [], CancellationToken.None);
        Assert.True(removed.Metadata.Finalizers is null or { Count: 0 });
    }

    [KubeContractFact]
    public async Task Delete_with_a_finalizer_sets_deletionTimestamp_and_the_object_goes_when_it_is_removed()
    {
        var created = await CreateAsync("deleting");
        await Endpoints.PatchFinalizersAsync(created, [CrdGroup.Finalizer], CancellationToken.None);
        await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(CrdGroup.Group, CrdGroup.Version, fixture.Namespace, "vpcendpoints", "deleting");

        var deleting = await Endpoints.GetAsync(fixture.Namespace, "deleting", CancellationToken.None);
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);

        await Endpoints.PatchFinalizersAsync(deleting, [], CancellationToken.None);
        Assert.Null(await Endpoints.GetAsync(fixture.Namespace, "deleting", CancellationToken.None));
    }

    [KubeContractFact]
    public async Task Get_of_a_missing_object_is_null()
    {
        Assert.Null(await Endpoints.GetAsync(fixture.Namespace, "nothing-here", CancellationToken.None));
    }

    [KubeContractFact]
    public async Task Events_are_created_and_repeats_aggregated()
    {
        var created = await CreateAsync("evented");
        var recorder = new KubeEventRecorder(fixture.Client);
        await recorder.RecordAsync(created, EventTypes.Warning, "InvalidSpec", "spec.vpcId: not found", CancellationToken.None);
        await recorder.RecordAsync(created, EventTypes.Warning, "InvalidSpec", "spec.vpcId: not found", CancellationToken.None);
        await recorder.RecordAsync(created, EventTypes.Normal, "Created", "created vpce-1", CancellationToken.None);

        var events = (await fixture.Client.CoreV1.ListNamespacedEventAsync(fixture.Namespace)).Items
            .Where(e => e.InvolvedObject.Name == "evented").ToList();
        Assert.Equal(2, events.Count);
        var invalid = Assert.Single(events, e => e.Reason == "InvalidSpec");
        Assert.Equal(2, invalid.Count);
        Assert.Equal(EventTypes.Warning, invalid.Type);
        Assert.Equal(created.Metadata.Uid, invalid.InvolvedObject.Uid);
        Assert.Equal(VpcEndpoint.KindName, invalid.InvolvedObject.Kind);
        Assert.Equal(CrdGroup.ApiVersion, invalid.InvolvedObject.ApiVersion);
        Assert.Equal(KubeEventRecorder.Component, invalid.Source.Component);
    }

    private Task<VpcEndpoint> CreateAsync(string name) => fixture.CreateVpcEndpointAsync(name);
}
