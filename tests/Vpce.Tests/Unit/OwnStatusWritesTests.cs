using Vpce.Crds;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;

namespace Vpce.Tests.Unit;

/// <summary>Read your own status writes: the written object stands in for a cached copy that is older, until the cache
/// catches up or the object goes.</summary>
public sealed class OwnStatusWritesTests
{
    private static VpcEndpoint At(string? version, string? endpointId = null, string uid = "uid-1") => new()
    {
        Metadata = new ObjectMetadata { Name = "ssm", Namespace = "platform", Uid = uid, ResourceVersion = version },
        Status = endpointId is null ? null : new VpcEndpointStatus { EndpointId = endpointId },
    };

    [Fact]
    public void An_older_cached_copy_gives_way_to_the_written_one_until_the_cache_catches_up()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("8", At("9", "vpce-1"));

        foreach (var lagging in new[] { "7", "8" })
        {
            var newest = writes.Newest(At(lagging));
            Assert.Equal(("9", "vpce-1"), (newest.Metadata.ResourceVersion, newest.Status?.EndpointId));
        }
        // Each a copy of its own: the reconcile changes what it is given.
        Assert.NotSame(writes.Newest(At("8")), writes.Newest(At("8")));

        var caughtUp = At("9", "vpce-1");
        Assert.Same(caughtUp, writes.Newest(caughtUp));
        Assert.Equal(0, writes.Count);
        var stale = At("8");
        Assert.Same(stale, writes.Newest(stale));
    }

    [Fact]
    public void A_cached_copy_newer_than_the_write_is_taken_as_it_is()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("8", At("9", "vpce-1"));
        var edited = At("12", "vpce-1");
        Assert.Same(edited, writes.Newest(edited));
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public void An_object_made_again_under_the_same_name_is_not_the_one_written()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("8", At("9", "vpce-1"));
        var remade = At("3", uid: "uid-2");
        Assert.Same(remade, writes.Newest(remade));
    }

    [Fact]
    public void Opaque_versions_know_only_the_one_patched_from_as_older()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("b", At("c", "vpce-1"));
        Assert.Equal("vpce-1", writes.Newest(At("b")).Status?.EndpointId);
        var other = At("z");
        Assert.Same(other, writes.Newest(other));
    }

    [Fact]
    public void A_deleted_object_is_forgotten()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("8", At("9", "vpce-1"));
        writes.Forget(ResourceKey.Of(At("9")));
        Assert.Equal(0, writes.Count);
        var cached = At("8");
        Assert.Same(cached, writes.Newest(cached));
    }

    [Fact]
    public void The_cache_catching_up_lets_the_write_go_and_a_lagging_copy_does_not()
    {
        var writes = new OwnStatusWrites<VpcEndpoint>();
        writes.Record("8", At("9", "vpce-1"));
        writes.Cached(At("8"));
        Assert.Equal(1, writes.Count);
        writes.Cached(At("9", "vpce-1"));
        Assert.Equal(0, writes.Count);

        writes.Record("9", At("10", "vpce-1"));
        writes.Cached(At("11", "vpce-1"));
        Assert.Equal(0, writes.Count);
        writes.Record("11", At("12", "vpce-1"));
        writes.Cached(At("3", uid: "uid-2"));
        Assert.Equal(0, writes.Count);
    }
}
