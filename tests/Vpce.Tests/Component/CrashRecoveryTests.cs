using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Observe;
using Vpce.Operator.Observability;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component;

public sealed class CrashRecoveryTests
{
    /// <summary>Stands for a process that dies between CreateVpcEndpoint and the status write after it: the claim before the
    /// create is written, nothing after it.</summary>
    private sealed class CrashOnStatusWrite(IResourceClient<VpcEndpoint> inner) : IResourceClient<VpcEndpoint>
    {
        private int _writes;
        public IAsyncEnumerable<ResourceListPage<VpcEndpoint>> ListAsync(string? ns, CancellationToken ct) => inner.ListAsync(ns, ct);
        public IAsyncEnumerable<WatchEvent<VpcEndpoint>> WatchAsync(string? ns, string rv, CancellationToken ct) => inner.WatchAsync(ns, rv, ct);
        public Task<VpcEndpoint?> GetAsync(string ns, string name, CancellationToken ct) => inner.GetAsync(ns, name, ct);
        public Task<VpcEndpoint> PatchStatusAsync(VpcEndpoint resource, CancellationToken ct) =>
            Interlocked.Increment(ref _writes) == 1 ? inner.PatchStatusAsync(resource, ct) : throw new InvalidOperationException("process killed");
        public Task<VpcEndpoint> PatchFinalizersAsync(VpcEndpoint resource, IReadOnlyList<string> finalizers, CancellationToken ct) =>
            inner.PatchFinalizersAsync(resource, finalizers, ct);
    }

    [Theory, PropagationDelays]
    public async Task A_crash_after_create_and_before_the_status_write_makes_no_second_endpoint(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(running: false, propagationDelay: TimeSpan.FromSeconds(propagationDelaySeconds));
        var crashing = VpcEndpointPhases.Controller(AccountResolver.OwnIdentityOnly(bed.Aws, bed.Operator.Time, TimeSpan.FromMinutes(2), bed.Operator.Settings.DefaultRegion), new CrashOnStatusWrite(bed.Kube.VpcEndpoints), bed.Kube.ConfigMaps, bed.Kube.Events,
            new OperatorMetrics(), bed.Operator.Settings, bed.Operator.Time, NullLogger.Instance);

        // The crashed run: the endpoint is made, the status never written.
        var stored = bed.Kube.VpcEndpoints.Apply(Testbed.Gateway("crash"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.ReconcileAsync(stored, default));
        Assert.Single(bed.Aws.World.Endpoints("eu-west-1"));

        // The operator comes back, a moment later, and reconciles the same object.
        bed.Operator.Time.Advance(TimeSpan.FromSeconds(1));
        bed.Operator.Start();
        var resource = await bed.ReadyAsync("crash");
        Assert.Single(bed.Aws.World.Endpoints("eu-west-1"));
        Assert.Equal(bed.Aws.World.Endpoints("eu-west-1")[0].VpcEndpointId, resource.Status!.EndpointId);
        Assert.Contains(bed.Events("crash"), e => e.Reason == "Found");
    }
}
