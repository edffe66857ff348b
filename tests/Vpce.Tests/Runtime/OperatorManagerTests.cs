using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Runtime;

public sealed class OperatorManagerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryKube _kube;
    private readonly GatedResourceClient<VpcEndpoint> _endpoints;
    private readonly GatedResourceClient<EndpointBucketPolicy> _policies;
    private readonly DoneReconciler<EndpointBucketPolicy> _policyReconciler = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public OperatorManagerTests()
    {
        _kube = new InMemoryKube(_time);
        _endpoints = new GatedResourceClient<VpcEndpoint>(_kube.VpcEndpoints);
        _policies = new GatedResourceClient<EndpointBucketPolicy>(_kube.EndpointBucketPolicies);
    }

    [Fact]
    public async Task Is_ready_only_once_every_informer_of_every_controller_has_synced()
    {
        _policies.HoldLists();
        var (manager, endpoints, policies) = Manager(election: null);
        Assert.False(manager.IsReady);

        _run = Task.Run(() => manager.RunAsync(_stop.Token));
        await WaitUntilAsync(() => endpoints.HasSynced);
        Assert.False(policies.HasSynced);
        Assert.False(manager.HasSynced);
        Assert.False(manager.IsReady);

        _policies.ReleaseLists();
        await WaitUntilAsync(() => manager.IsReady);
        Assert.True(manager.HasSynced);
    }

    [Fact]
    public async Task A_standby_is_ready_and_a_new_leader_only_once_its_caches_have_synced()
    {
        var election = new InMemoryLeaderElection(leading: false);
        _endpoints.HoldLists();
        var (manager, _, _) = Manager(election);
        _run = Task.Run(() => manager.RunAsync(_stop.Token));
        Assert.True(manager.IsReady);

        election.Grant();
        await WaitUntilAsync(() => manager.IsLeading);
        Assert.False(manager.IsReady);

        _endpoints.ReleaseLists();
        await WaitUntilAsync(() => manager.IsReady);
    }

    [Fact]
    public async Task A_controller_that_reads_another_kinds_cache_starts_its_workers_once_that_cache_has_synced()
    {
        _kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "p", Namespace = "default" },
            Spec = new EndpointBucketPolicySpec { Bucket = "reports" },
        });
        _endpoints.HoldLists();
        var (manager, endpoints, policies) = Manager(election: null);
        policies.AlsoWaitForSyncOf(endpoints);
        _run = Task.Run(() => manager.RunAsync(_stop.Token));

        // The policy is listed and queued, but no worker takes it while the VpcEndpoint cache it reads is empty.
        await WaitUntilAsync(() => policies.HasSynced && policies.Queue.Count == 1);
        Assert.Equal(0, _policyReconciler.Reconciles);

        _endpoints.ReleaseLists();
        await WaitUntilAsync(() => manager.Controllers.All(c => c.IsIdle));
        Assert.Equal(1, _policyReconciler.Reconciles);
    }

    [Fact]
    public async Task A_controller_that_reads_another_kinds_cache_waits_for_its_last_page_not_its_first()
    {
        _kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "p", Namespace = "default" },
            Spec = new EndpointBucketPolicySpec { Bucket = "reports" },
        });
        _kube.VpcEndpoints.ListPageSize = 2;
        foreach (var name in new[] { "a", "b", "c" }) _kube.VpcEndpoints.Apply(TestObjects.Endpoint(name));
        _endpoints.HoldPagesAfter(1);
        var (manager, endpoints, policies) = Manager(election: null);
        policies.AlsoWaitForSyncOf(endpoints);
        _run = Task.Run(() => manager.RunAsync(_stop.Token));

        // The endpoints' first page is in (and reconciled), the policy listed and queued: its reconcile would read an
        // endpoint of a page still to come as missing, so it waits.
        await WaitUntilAsync(() => endpoints.Informers[0].Cache.Count == 2 && policies.HasSynced && policies.Queue.Count == 1);
        Assert.False(endpoints.HasSynced);
        Assert.Equal(0, _policyReconciler.Reconciles);

        _endpoints.ReleasePages();
        await WaitUntilAsync(() => manager.Controllers.All(c => c.IsIdle));
        Assert.Equal(1, _policyReconciler.Reconciles);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await _run.WaitAsync(TestObjects.Patience);
        _stop.Dispose();
    }

    private (OperatorManager Manager, ControllerHost<VpcEndpoint> Endpoints, ControllerHost<EndpointBucketPolicy> Policies) Manager(
        InMemoryLeaderElection? election)
    {
        var endpoints = new ControllerHost<VpcEndpoint>(_endpoints, new DoneReconciler<VpcEndpoint>(), time: _time);
        var policies = new ControllerHost<EndpointBucketPolicy>(_policies, _policyReconciler, time: _time);
        return (new OperatorManager([endpoints, policies], election), endpoints, policies);
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
