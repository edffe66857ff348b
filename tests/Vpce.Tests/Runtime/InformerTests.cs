using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Runtime;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryKube _kube;
    private readonly RecordingHandler _handler = new();
    private readonly RecordingLogger _logger = new();
    private readonly OperatorMetrics _metrics = new();
    private readonly MetricsProbe _probe;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public InformerTests()
    {
        _kube = new InMemoryKube(_time);
        _probe = new MetricsProbe(_metrics);
    }

    private double? UndecodableGauge => _probe.Gauge("vpce_undecodable_objects", "kind", VpcEndpoint.KindName);

    [Fact]
    public async Task Lists_existing_objects_then_watches_for_changes()
    {
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("before"));
        var informer = await StartAsync(_kube.VpcEndpoints);

        Assert.Equal(["added before"], _handler.Events);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("after"));
        _kube.VpcEndpoints.Delete("default", "before");

        // The store delivers watch events before Apply/Delete return.
        Assert.Equal(["added before", "added after", "deleted before"], _handler.Events);
        Assert.Equal(["after"], informer.Cache.List().Select(o => o.Metadata.Name));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Relists_when_the_watch_resource_version_expires()
    {
        var informer = await StartAsync(_kube.VpcEndpoints);
        Assert.Equal(1, informer.ListCount);

        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("later"));
        Assert.NotNull(informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "later")));
    }

    [Fact]
    public async Task Watches_again_from_the_last_resource_version_when_the_watch_drops_without_relisting()
    {
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        var informer = await StartAsync(client);
        var listed = informer.LastResourceVersion!;
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("seen"));
        var seen = informer.LastResourceVersion!;
        Assert.NotEqual(listed, seen);

        _kube.VpcEndpoints.DropWatches();
        await WaitUntilAsync(() => informer.WatchCount == 2 && !informer.IsBusy);

        Assert.Equal([listed, seen], client.WatchedFrom);
        Assert.Equal(1, informer.ListCount);
        Assert.Equal(1, client.ListCalls);
        Assert.Equal(1, _kube.VpcEndpoints.WatchCount);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("later"));
        Assert.Equal(["added seen", "added later"], _handler.Events);
    }

    [Fact]
    public async Task A_watch_that_ends_at_once_without_an_event_is_watched_again_after_a_backoff_and_misses_nothing()
    {
        var informer = await StartAsync(_kube.VpcEndpoints);

        // No event and no (virtual) time between opening and ending: client-go's "very short watch".
        _kube.VpcEndpoints.DropWatches();
        await WaitUntilAsync(() => informer.ConsecutiveFailures == 1);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("meanwhile"));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, informer.WatchCount);
        Assert.Empty(_handler.Events);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => informer.WatchCount == 2 && !informer.IsBusy);
        // The change made while no watch was open comes from the watch's history, not from a relist.
        Assert.Equal(["added meanwhile"], _handler.Events);
        Assert.Equal(1, informer.ListCount);
        Assert.Equal(0, informer.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_watch_that_fails_is_resumed_from_the_last_resource_version_with_backoff_not_relisted()
    {
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.FailWatches(2);
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time, _logger);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));

        await WaitUntilAsync(() => informer.ConsecutiveFailures == 1);
        Assert.True(informer.HasSynced);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("meanwhile"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => informer.ConsecutiveFailures == 2);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, informer.WatchCount);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => informer.WatchCount == 3 && !informer.IsBusy && _handler.Events.Count == 1);

        Assert.Equal(["added meanwhile"], _handler.Events);
        Assert.Equal(1, client.ListCalls);
        Assert.Equal(3, client.WatchedFrom.Count);
        Assert.Single(client.WatchedFrom.Distinct());
        // A broken connection is expected: one line, no stack trace.
        Assert.All(_logger.Entries, e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task A_relist_reports_objects_deleted_while_the_watch_was_down()
    {
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("stays"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("goes"));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        var informer = await StartAsync(client);

        client.HoldLists();
        // Only 410 Gone makes the informer relist.
        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => client.ListCalls == 2);
        _kube.VpcEndpoints.Delete("default", "goes");
        Assert.DoesNotContain("deleted goes", _handler.Events);

        client.ReleaseLists();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);
        Assert.Contains("deleted goes", _handler.Events);
        Assert.Equal(["stays"], informer.Cache.List().Select(o => o.Metadata.Name));
    }

    [Fact]
    public async Task A_failing_list_is_retried_after_a_backoff_in_virtual_time()
    {
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.FailLists(2);
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));

        await WaitUntilAsync(() => informer.ConsecutiveFailures == 1);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, client.ListCalls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => informer.ConsecutiveFailures == 2);
        Assert.Equal(2, client.ListCalls);
        // The second failure doubles the wait.
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, client.ListCalls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy);
        Assert.Equal(3, client.ListCalls);
        Assert.Equal(0, informer.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_list_delivers_every_object_that_decodes_and_announces_one_that_does_not_once_per_resource_version()
    {
        _kube.VpcEndpoints.StoreRaw("default", "old", TestObjects.OldSchemaEndpointJson("old"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("good"));
        var informer = await StartAsync(_kube.VpcEndpoints);

        Assert.Equal(["added good"], _handler.Events);
        var undecodable = Assert.Single(informer.Undecodable);
        Assert.Equal(("default", "old", "$.spec.tags", "Dictionary<String, String>"),
            (undecodable.Namespace, undecodable.Name, undecodable.Path, undecodable.ExpectedType));
        var announced = Assert.Single(_kube.Events.For("default", "old"));
        Assert.Equal((EventTypes.Warning, Informer<VpcEndpoint>.DecodeFailedReason, 1), (announced.Type, announced.Reason, announced.Count));
        Assert.Equal(VpcEndpoint.KindName, announced.Kind);
        Assert.NotNull(announced.Uid);
        Assert.Equal(undecodable.Uid, announced.Uid);
        Assert.Contains("spec.tags", announced.Message);
        Assert.Contains("Dictionary<String, String>", announced.Message);
        var line = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("default/old", line.Message);
        Assert.Null(line.Exception);
        Assert.Equal(1, UndecodableGauge);

        // A relist sees the same resourceVersion: nothing is announced again.
        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);
        Assert.Equal(1, Assert.Single(_kube.Events.For("default", "old")).Count);
        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(1, UndecodableGauge);

        // Fixed: it decodes, is delivered like any object, and leaves the count.
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("old"));
        Assert.Equal(["added good", "added old"], _handler.Events);
        Assert.Empty(informer.Undecodable);
        Assert.Equal(0, UndecodableGauge);
    }

    [Fact]
    public async Task A_watch_event_that_does_not_decode_is_announced_and_the_watch_goes_on()
    {
        var informer = await StartAsync(_kube.VpcEndpoints);
        Assert.Equal(0, UndecodableGauge);

        _kube.VpcEndpoints.StoreRaw("default", "old", TestObjects.OldSchemaEndpointJson("old"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("after"));

        Assert.Equal(["added after"], _handler.Events);
        Assert.Equal(1, informer.WatchCount);
        Assert.Equal(1, informer.ListCount);
        Assert.Equal("old", Assert.Single(informer.Undecodable).Name);
        Assert.Equal(Informer<VpcEndpoint>.DecodeFailedReason, Assert.Single(_kube.Events.For("default", "old")).Reason);
        Assert.Equal(1, UndecodableGauge);

        // Written again, still undecodable: the new resourceVersion is announced (the recorder aggregates the repeat).
        _kube.VpcEndpoints.StoreRaw("default", "old", TestObjects.OldSchemaEndpointJson("old"));
        Assert.Equal(2, Assert.Single(_kube.Events.For("default", "old")).Count);
        Assert.Equal(1, UndecodableGauge);

        // Deleted: it leaves the count.
        _kube.VpcEndpoints.Delete("default", "old");
        Assert.Empty(informer.Undecodable);
        Assert.Equal(0, UndecodableGauge);
        Assert.Equal(1, informer.WatchCount);
    }

    [Fact]
    public async Task An_object_rewritten_so_that_it_no_longer_decodes_leaves_the_cache_until_it_is_fixed()
    {
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        var informer = await StartAsync(_kube.VpcEndpoints);

        _kube.VpcEndpoints.StoreRaw("default", "a", TestObjects.OldSchemaEndpointJson("a"));
        Assert.Null(informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "a")));
        Assert.Equal(["added a", "deleted a"], _handler.Events);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a", serviceName: "ssm"));
        Assert.Equal("ssm", informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "a"))!.Spec.ServiceName);
        Assert.Equal(["added a", "deleted a", "added a"], _handler.Events);
    }

    [Fact]
    public async Task A_list_in_several_pages_is_delivered_page_by_page_and_the_cache_synced_only_after_the_last()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.HoldPagesAfter(1);
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time, _logger, _kube.Events, _metrics);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));

        // The first page is in the cache and with the handler while the second one has not been fetched.
        await WaitUntilAsync(() => _handler.Events.Count == 2);
        Assert.Equal(["added a", "added b"], _handler.Events);
        Assert.Equal(1, client.PagesFetched);
        Assert.Equal(2, informer.Cache.Count);
        Assert.False(informer.HasSynced);
        Assert.Equal(0, informer.ListCount);

        client.ReleasePages();
        await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy);
        Assert.Equal(["added a", "added b", "added c", "added d", "added e"], _handler.Events);
        Assert.Equal(3, client.PagesFetched);
        Assert.Equal(1, informer.ListCount);
        Assert.Contains(_logger.Entries, e => e.Message.Contains("listed 5 VpcEndpoint", StringComparison.Ordinal)
            && e.Message.Contains("in 3 pages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relist_whose_continue_token_expired_lists_again_from_the_start_and_synthesizes_each_delete_once_after_its_last_page()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        var informer = await StartAsync(client);
        var fetched = client.PagesFetched;

        client.HoldPagesAfter(1);
        // 410 Gone on the watch: the informer relists, and waits after the relist's first page.
        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => client.PagesFetched == fetched + 1);
        // Meanwhile b (already listed again) and d (not yet) go, f comes, and the list's snapshot is compacted away.
        _kube.VpcEndpoints.Delete("default", "b");
        _kube.VpcEndpoints.Delete("default", "d");
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("f"));
        _kube.VpcEndpoints.ExpireResourceVersions();
        client.ReleasePages();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);

        var relisted = _handler.Events.Skip(5).ToList();
        Assert.Equal(["added f", "deleted b", "deleted d"], relisted.Order());
        Assert.Equal(["a", "c", "e", "f"], informer.Cache.List().Select(o => o.Metadata.Name).Order());
        Assert.Contains(_logger.Entries, e => e.Message.Contains("expired after 1 pages", StringComparison.Ordinal));
        // Watching from the list that started over: nothing is missed or repeated.
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("g"));
        Assert.Equal("added g", _handler.Events[^1]);
        Assert.Equal(9, _handler.Events.Count);
    }

    [Fact]
    public async Task A_relist_in_pages_reports_a_delete_only_once_the_last_page_is_in()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        var informer = await StartAsync(client);

        client.HoldLists();
        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => client.ListCalls == 2);
        _kube.VpcEndpoints.Delete("default", "d");
        client.HoldPagesAfter(1);
        client.ReleaseLists();
        await WaitUntilAsync(() => client.PagesFetched == 4);
        // Page 1 (a, b) says nothing of d: the objects of the pages to come are not taken for deleted.
        Assert.DoesNotContain(_handler.Events, e => e.StartsWith("deleted", StringComparison.Ordinal));
        Assert.Equal(5, informer.Cache.Count);

        client.ReleasePages();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);
        Assert.Equal(["deleted d"], _handler.Events.Where(e => e.StartsWith("deleted", StringComparison.Ordinal)));
        Assert.Equal(4, informer.Cache.Count);
    }

    [Fact]
    public async Task Undecodable_items_inside_pages_are_announced_with_their_page_and_every_other_item_is_delivered()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("a"));
        _kube.VpcEndpoints.StoreRaw("default", "b-old", TestObjects.OldSchemaEndpointJson("b-old"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("c"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("d"));
        _kube.VpcEndpoints.StoreRaw("default", "e-old", TestObjects.OldSchemaEndpointJson("e-old"));
        var client = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        client.HoldPagesAfter(1);
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time, _logger, _kube.Events, _metrics);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));

        // The Warning event is recorded after the item is set aside: wait for both.
        await WaitUntilAsync(() => informer.Undecodable.Count == 1 && _handler.Events.Count == 1 && _kube.Events.For("default", "b-old").Count > 0);
        Assert.Equal("b-old", Assert.Single(informer.Undecodable).Name);
        Assert.Equal(Informer<VpcEndpoint>.DecodeFailedReason, Assert.Single(_kube.Events.For("default", "b-old")).Reason);
        Assert.Equal(1, client.PagesFetched);

        client.ReleasePages();
        await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy && _kube.Events.For("default", "e-old").Count > 0);
        Assert.Equal(["added a", "added c", "added d"], _handler.Events);
        Assert.Equal(["b-old", "e-old"], informer.Undecodable.Select(u => u.Name).Order());
        Assert.Equal(Informer<VpcEndpoint>.DecodeFailedReason, Assert.Single(_kube.Events.For("default", "e-old")).Reason);
        Assert.Equal(2, UndecodableGauge);
    }

    [Fact]
    public async Task Watches_only_its_namespace()
    {
        var informer = new Informer<VpcEndpoint>(_kube.VpcEndpoints, "team-a", _handler, _time, _logger, _kube.Events, _metrics);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));
        await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("mine", "team-a"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("theirs", "team-b"));

        Assert.Equal(["added mine"], _handler.Events);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TestObjects.Patience);
        _stop.Dispose();
        _probe.Dispose();
        _metrics.Dispose();
    }

    private async Task<Informer<VpcEndpoint>> StartAsync(Vpce.Ports.Kube.IResourceClient<VpcEndpoint> client)
    {
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time, _logger, _kube.Events, _metrics);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));
        await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy);
        return informer;
    }

    // Waits for work on other threads (the informer's task), never for virtual time.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestObjects.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Yield();
        }
    }
}
