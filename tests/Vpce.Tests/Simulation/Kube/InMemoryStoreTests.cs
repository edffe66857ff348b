using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Simulation.Kube;

/// <summary>The in-memory store keeps the API server's rules the operator depends on.</summary>
public sealed class InMemoryStoreTests
{
    private readonly InMemoryKube _kube = new(new FakeTimeProvider());

    private static VpcEndpoint Object(string name = "a") => new()
    {
        Metadata = new ObjectMetadata { Name = name, Namespace = "ns" },
        Spec = new VpcEndpointSpec { VpcId = "vpc-01", ServiceName = "s3" },
    };

    [Fact]
    public async Task Spec_changes_bump_the_generation_and_status_writes_do_not()
    {
        var created = _kube.VpcEndpoints.Apply(Object());
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.Uid);

        created.Status = new VpcEndpointStatus { State = "available" };
        var afterStatus = await _kube.VpcEndpoints.PatchStatusAsync(created, default);
        Assert.Equal(1, afterStatus.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, afterStatus.Metadata.ResourceVersion);

        var edited = Object();
        edited.Spec.ServiceName = "dynamodb";
        Assert.Equal(2, _kube.VpcEndpoints.Apply(edited).Metadata.Generation);
        Assert.Equal("available", _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);
    }

    [Fact]
    public async Task A_finalizer_patch_from_a_stale_read_conflicts()
    {
        var stale = _kube.VpcEndpoints.Apply(Object());
        var edited = Object();
        edited.Spec.RouteTableIds = ["rtb-01"];
        _kube.VpcEndpoints.Apply(edited);
        await Assert.ThrowsAsync<ConflictException>(() => _kube.VpcEndpoints.PatchFinalizersAsync(stale, [CrdGroup.Finalizer], default));
    }

    [Fact]
    public async Task Delete_waits_for_finalizers_then_removes_the_object()
    {
        var created = _kube.VpcEndpoints.Apply(Object());
        var finalized = await _kube.VpcEndpoints.PatchFinalizersAsync(created, [CrdGroup.Finalizer], default);
        _kube.VpcEndpoints.Delete("ns", "a");
        var deleting = _kube.VpcEndpoints.Get("ns", "a");
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);

        await _kube.VpcEndpoints.PatchFinalizersAsync(deleting, [], default);
        Assert.Null(_kube.VpcEndpoints.Get("ns", "a"));
        Assert.NotNull(finalized.Metadata.Finalizers);
    }

    [Fact]
    public async Task Taken_away_every_call_of_the_ports_is_refused_and_open_watches_break_until_it_is_back()
    {
        var stored = _kube.VpcEndpoints.Apply(Object());
        var list = await _kube.VpcEndpoints.ListAllAsync(null, default);
        await using var watch = _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, default).GetAsyncEnumerator();
        var next = watch.MoveNextAsync();

        _kube.TakeAway();

        await Assert.ThrowsAsync<KubeUnavailableException>(async () => await next);
        await Assert.ThrowsAsync<KubeUnavailableException>(() => _kube.VpcEndpoints.ListAllAsync(null, default));
        await Assert.ThrowsAsync<KubeUnavailableException>(async () =>
        {
            await foreach (var _ in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, default))
            {
            }
        });
        await Assert.ThrowsAsync<KubeUnavailableException>(() => _kube.VpcEndpoints.GetAsync("ns", "a", default));
        await Assert.ThrowsAsync<KubeUnavailableException>(() => _kube.VpcEndpoints.PatchStatusAsync(stored, default));
        await Assert.ThrowsAsync<KubeUnavailableException>(() => _kube.VpcEndpoints.PatchFinalizersAsync(stored, [CrdGroup.Finalizer], default));
        await Assert.ThrowsAsync<KubeUnavailableException>(() => _kube.ConfigMaps.GetAsync("ns", "hints", default));
        Assert.Throws<KubeUnavailableException>(() => _kube.Leases.Get("vpce-system", "lease"));
        // Events are advisory: lost, as the real recorder logs and drops them.
        await _kube.Events.RecordAsync(stored, EventTypes.Normal, "Seen", "while away", default);
        Assert.Empty(_kube.Events.Events);

        // Back with everything it had, history included: a watch from before the outage resumes and misses nothing.
        _kube.VpcEndpoints.Apply(Object("b"));
        _kube.BringBack();
        await using var resumed = _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, default).GetAsyncEnumerator();
        Assert.True(await resumed.MoveNextAsync());
        Assert.Equal((WatchEventKind.Added, "b"), (resumed.Current.Kind, resumed.Current.Object!.Metadata.Name));
        Assert.Equal("a", (await _kube.VpcEndpoints.GetAsync("ns", "a", default))!.Metadata.Name);
    }

    [Fact]
    public async Task A_watch_from_an_expired_version_is_gone()
    {
        var list = await _kube.VpcEndpoints.ListAllAsync(null, default);
        _kube.VpcEndpoints.Apply(Object());
        _kube.ExpireResourceVersions();
        await Assert.ThrowsAsync<ResourceExpiredException>(async () =>
        {
            await foreach (var _ in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, default))
            {
            }
        });
    }

    [Fact]
    public async Task Discard_empties_the_store_its_history_and_events_without_a_watch_event()
    {
        var list = await _kube.VpcEndpoints.ListAllAsync(null, default);
        using var stop = new CancellationTokenSource();
        var seen = new List<WatchEvent<VpcEndpoint>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, stop.Token)) seen.Add(e);
        });
        var a = _kube.VpcEndpoints.Apply(Object("a"));
        _kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy { Metadata = new ObjectMetadata { Name = "p", Namespace = "ns" } });
        await _kube.Events.RecordAsync(a, EventTypes.Normal, "Created", "created vpce-1", default);
        while (seen.Count < 1) await Task.Yield();

        _kube.Discard();

        Assert.Empty(_kube.VpcEndpoints.List());
        Assert.Empty(_kube.EndpointBucketPolicies.List());
        Assert.Empty(_kube.Events.Events);
        Assert.Empty((await _kube.VpcEndpoints.ListAllAsync(null, default)).Items);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.Equal(WatchEventKind.Added, Assert.Single(seen).Kind);
        // The history went with the objects: a watch from before the discard is compacted away, not replayed as nothing
        // (without that it would wait for events, and the deadline would end it with another exception).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<ResourceExpiredException>(async () =>
        {
            await foreach (var _ in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, deadline.Token))
            {
            }
        });
    }

    private const string OldSchema = """
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"ignored"},
         "spec":{"serviceName":"s3","vpcId":"vpc-01","tags":[{"key":"team","value":"platform"}]}}
        """;

    [Fact]
    public async Task A_raw_object_under_an_older_schema_is_listed_and_watched_as_undecodable_beside_the_others()
    {
        _kube.VpcEndpoints.Apply(Object("good"));
        var before = await _kube.VpcEndpoints.ListAllAsync("ns", default);
        _kube.VpcEndpoints.StoreRaw("ns", "old", OldSchema);

        var list = await _kube.VpcEndpoints.ListAllAsync("ns", default);
        Assert.Equal(["good"], list.Items.Select(o => o.Metadata.Name));
        var undecodable = Assert.Single(list.Undecodable);
        Assert.Equal((VpcEndpoint.KindName, "ns", "old", "$.spec.tags", "Dictionary<String, String>"),
            (undecodable.Kind, undecodable.Namespace, undecodable.Name, undecodable.Path, undecodable.ExpectedType));
        Assert.NotNull(undecodable.Uid);
        Assert.Equal(list.ResourceVersion, undecodable.ResourceVersion);
        Assert.Empty((await _kube.VpcEndpoints.ListAllAsync("elsewhere", default)).Undecodable);

        var watched = new List<WatchEvent<VpcEndpoint>>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in _kube.VpcEndpoints.WatchAsync("ns", before.ResourceVersion, cts.Token))
        {
            watched.Add(e);
            break;
        }
        Assert.Equal(WatchEventKind.Added, watched[0].Kind);
        Assert.Null(watched[0].Object);
        Assert.Equal("old", watched[0].Undecodable!.Name);

        await Assert.ThrowsAsync<JsonException>(() => _kube.VpcEndpoints.GetAsync("ns", "old", default));
        Assert.Null(_kube.VpcEndpoints.Get("ns", "old"));
        Assert.Throws<ArgumentException>(() => _kube.VpcEndpoints.StoreRaw("ns", "fine",
            """{"spec":{"serviceName":"s3","vpcId":"vpc-01"}}"""));
    }

    [Fact]
    public async Task Fixing_a_raw_object_keeps_its_uid_and_bumps_its_generation_and_deleting_one_is_a_delete()
    {
        _kube.VpcEndpoints.StoreRaw("ns", "old", OldSchema);
        var raw = Assert.Single((await _kube.VpcEndpoints.ListAllAsync(null, default)).Undecodable);

        var fixedObject = _kube.VpcEndpoints.Apply(Object("old"));
        Assert.Equal(raw.Uid, fixedObject.Metadata.Uid);
        Assert.Equal(2, fixedObject.Metadata.Generation);
        Assert.Empty((await _kube.VpcEndpoints.ListAllAsync(null, default)).Undecodable);

        _kube.VpcEndpoints.StoreRaw("ns", "old", OldSchema);
        var rewritten = Assert.Single((await _kube.VpcEndpoints.ListAllAsync(null, default)).Undecodable);
        Assert.Equal(raw.Uid, rewritten.Uid);
        var list = await _kube.VpcEndpoints.ListAllAsync(null, default);
        Assert.Empty(list.Items);

        Assert.True(_kube.VpcEndpoints.Delete("ns", "old"));
        var gone = new List<WatchEvent<VpcEndpoint>>();
        await foreach (var e in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
        {
            gone.Add(e);
            break;
        }
        Assert.Equal((WatchEventKind.Deleted, "old"), (gone[0].Kind, gone[0].Undecodable!.Name));
        Assert.Empty((await _kube.VpcEndpoints.ListAllAsync(null, default)).Undecodable);
    }

    [Fact]
    public async Task A_list_comes_in_pages_of_the_configured_size_all_from_the_snapshot_taken_when_it_began()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(Object(name));
        _kube.VpcEndpoints.StoreRaw("ns", "bb", OldSchema);

        var pages = new List<ResourceListPage<VpcEndpoint>>();
        await foreach (var page in _kube.VpcEndpoints.ListAsync("ns", default))
        {
            pages.Add(page);
            // Written after the list began: not in this list, as the API server's pages all read one etcd revision.
            if (pages.Count == 1) _kube.VpcEndpoints.Apply(Object("aa"));
        }

        // Key order, the undecodable object in its place among the others.
        Assert.Equal([["a", "b"], ["c"], ["d", "e"]], pages.Select(p => p.Items.Select(o => o.Metadata.Name).ToArray()));
        Assert.Equal(["bb"], pages[1].Undecodable.Select(u => u.Name));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Single(pages.Select(p => p.ResourceVersion).Distinct());
        Assert.All(pages, p => Assert.False(p.StartsOver));
        Assert.Contains("aa", (await _kube.VpcEndpoints.ListAllAsync("ns", default)).Items.Select(o => o.Metadata.Name));
    }

    [Fact]
    public async Task A_page_asked_for_after_its_snapshot_was_compacted_begins_the_list_again_in_one_page()
    {
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) _kube.VpcEndpoints.Apply(Object(name));

        var pages = new List<ResourceListPage<VpcEndpoint>>();
        await foreach (var page in _kube.VpcEndpoints.ListAsync(null, default))
        {
            pages.Add(page);
            if (pages.Count > 1) continue;
            _kube.VpcEndpoints.Delete("ns", "a");
            _kube.VpcEndpoints.Apply(Object("f"));
            _kube.ExpireResourceVersions();
        }

        Assert.Equal(2, pages.Count);
        Assert.Equal(["a", "b"], pages[0].Items.Select(o => o.Metadata.Name));
        Assert.True(pages[1].StartsOver);
        Assert.True(pages[1].IsLast);
        Assert.Equal(["b", "c", "d", "e", "f"], pages[1].Items.Select(o => o.Metadata.Name));
        Assert.NotEqual(pages[0].ResourceVersion, pages[1].ResourceVersion);
        var whole = await _kube.VpcEndpoints.ListAllAsync(null, default);
        Assert.Equal(pages[1].Items.Select(o => o.Metadata.Name), whole.Items.Select(o => o.Metadata.Name));
    }
}
