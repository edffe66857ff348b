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
    public async Task A_watch_from_an_expired_version_is_gone()
    {
        var list = await _kube.VpcEndpoints.ListAsync(null, default);
        _kube.VpcEndpoints.Apply(Object());
        _kube.ExpireResourceVersions();
        await Assert.ThrowsAsync<ResourceExpiredException>(async () =>
        {
            await foreach (var _ in _kube.VpcEndpoints.WatchAsync(null, list.ResourceVersion, default))
            {
            }
        });
    }
}
