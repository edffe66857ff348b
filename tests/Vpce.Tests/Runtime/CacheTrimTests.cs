using Vpce.Crds;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Runtime;

public sealed class CacheTrimTests
{
    [Fact]
    public void Drops_the_last_applied_configuration_and_keeps_every_other_annotation()
    {
        var resource = TestObjects.Endpoint("a");
        resource.Metadata.Annotations = new() { [CacheTrim.LastAppliedAnnotation] = "{\"spec\":{}}", ["team"] = "platform" };

        CacheTrim.Trim(resource);

        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, resource.Metadata.Annotations);
        resource.Metadata.Annotations = new() { [CacheTrim.LastAppliedAnnotation] = "{}" };
        Assert.Null(CacheTrim.Trim(resource).Metadata.Annotations);
    }

    [Fact]
    public async Task The_informer_caches_listed_and_watched_objects_without_the_last_applied_configuration()
    {
        var kube = new InMemoryKube();
        var listed = TestObjects.Endpoint("listed");
        listed.Metadata.Annotations = new() { [CacheTrim.LastAppliedAnnotation] = "{\"spec\":{}}" };
        kube.VpcEndpoints.Apply(listed);
        var informer = new Informer<VpcEndpoint>(kube.VpcEndpoints, null, new RecordingHandler());
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(stop.Token));
        try
        {
            await WaitUntilAsync(() => informer.HasSynced && !informer.IsBusy);
            var watched = TestObjects.Endpoint("watched");
            watched.Metadata.Annotations = new() { [CacheTrim.LastAppliedAnnotation] = "{\"spec\":{}}", ["team"] = "platform" };
            kube.VpcEndpoints.Apply(watched);

            Assert.Null(informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "listed"))!.Metadata.Annotations);
            Assert.Equal(["team"], informer.Cache.Get(new ResourceKey(VpcEndpoint.KindName, "default", "watched"))!.Metadata.Annotations!.Keys);
            // The stored object keeps it: only the cached copy is trimmed.
            Assert.Contains(CacheTrim.LastAppliedAnnotation, kube.VpcEndpoints.Get("default", "listed")!.Metadata.Annotations!.Keys);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TestObjects.Patience);
        }
    }

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
