using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Runtime;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryKube _kube;
    private readonly RecordingHandler _handler = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public InformerTests() => _kube = new InMemoryKube(_time);

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

        _kube.VpcEndpoints.ExpireResourceVersions();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);

        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("later"));
        Assert.NotNull(informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "later")));
    }

    [Fact]
    public async Task Relists_when_the_watch_drops()
    {
        var informer = await StartAsync(_kube.VpcEndpoints);

        _kube.VpcEndpoints.DropWatches();
        await WaitUntilAsync(() => informer.ListCount == 2 && !informer.IsBusy);

        Assert.Equal(1, _kube.VpcEndpoints.WatchCount);
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("later"));
        Assert.Equal(["added later"], _handler.Events);
    }

    [Fact]
    public async Task A_relist_reports_objects_deleted_while_the_watch_was_down()
    {
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("stays"));
        _kube.VpcEndpoints.Apply(TestObjects.Endpoint("goes"));
        var client = new GatedResourceClient(_kube.VpcEndpoints);
        var informer = await StartAsync(client);

        client.HoldLists();
        _kube.VpcEndpoints.DropWatches();
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
        var client = new GatedResourceClient(_kube.VpcEndpoints);
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
    public async Task Watches_only_its_namespace()
    {
        var informer = new Informer<VpcEndpoint>(_kube.VpcEndpoints, "team-a", _handler, _time);
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
    }

    private async Task<Informer<VpcEndpoint>> StartAsync(Vpce.Ports.Kube.IResourceClient<VpcEndpoint> client)
    {
        var informer = new Informer<VpcEndpoint>(client, null, _handler, _time);
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
