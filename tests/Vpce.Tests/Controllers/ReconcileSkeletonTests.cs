using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Simulation.Kube;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Controllers;

/// <summary>The one reconcile skeleton every kind runs on, with a kind that is only its phases.</summary>
public sealed class ReconcileSkeletonTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryKube _kube;
    private readonly OperatorMetrics _metrics = new();

    public ReconcileSkeletonTests() => _kube = new InMemoryKube(_time);

    private (ReconcileSkeleton<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, ScriptedPass> Skeleton, VpcEndpoint Stored) Start(ScriptedKind kind)
    {
        var stored = _kube.VpcEndpoints.Apply(new VpcEndpoint { Metadata = new ObjectMetadata { Name = "a", Namespace = "ns" } });
        return (new(_ => kind, _kube.VpcEndpoints, _kube.Events, _metrics, _time, NullLogger.Instance), stored);
    }

    [Fact]
    public async Task The_phases_run_in_order_then_the_status_is_written_once_and_the_kind_says_when_to_look_again()
    {
        var kind = new ScriptedKind(("validate", ScriptedKind.GoOn), ("read", ScriptedKind.GoOn), ("apply", ScriptedKind.GoOn));
        var (skeleton, stored) = Start(kind);
        using var probe = new MetricsProbe(_metrics);

        var result = await skeleton.ReconcileAsync(stored, default);

        Assert.Equal(["validate", "read", "apply", "report"], kind.Ran);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RequeueAfter);
        var written = _kube.VpcEndpoints.Get("ns", "a")!;
        Assert.Equal(nameof(SyncOutcome.Unchanged), written.Status!.State);
        Assert.Contains(CrdGroup.Finalizer, written.Metadata.Finalizers!);
        foreach (var phase in new[] { "validate", "read", "apply", "status" })
        {
            Assert.Single(probe.Values("vpce_reconcile_phase_duration_seconds", ("kind", "Scripted"), ("phase", phase)));
        }
    }

    [Fact]
    public async Task A_refusal_stops_the_phases_and_waits_until_the_object_changes()
    {
        var kind = new ScriptedKind(("validate", pass => pass.Refuse(new("InvalidSpec", "spec.x: bad"))), ("apply", ScriptedKind.GoOn));
        var (skeleton, stored) = Start(kind);

        var result = await skeleton.ReconcileAsync(stored, default);

        Assert.Equal(["validate", "report"], kind.Ran);
        Assert.Same(ReconcileResult.FailedUntilChanged, result);
        Assert.Equal(nameof(SyncOutcome.Refused), _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);
    }

    [Fact]
    public async Task An_AWS_failure_in_any_phase_is_AwsFailed_with_the_status_written_and_backoff()
    {
        var kind = new ScriptedKind(("read", _ => throw new AwsUnavailableException("ec2 in eu-west-1: circuit open")), ("apply", ScriptedKind.GoOn));
        var (skeleton, stored) = Start(kind);

        var result = await skeleton.ReconcileAsync(stored, default);

        Assert.Equal(["read", "report"], kind.Ran);
        Assert.True(result.RetryWithBackoff);
        Assert.Equal(nameof(SyncOutcome.AwsFailed), _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);
    }

    [Fact]
    public async Task The_checks_run_after_a_refusal_and_after_a_failure_and_the_phases_between_do_not()
    {
        var refused = new ScriptedKind(("read", pass => pass.Refuse(new("NotFound", "spec.vpcId: gone"))), ("apply", ScriptedKind.GoOn), ("check", ScriptedKind.GoOn));
        var (skeleton, stored) = Start(refused);
        Assert.Same(ReconcileResult.FailedUntilChanged, await skeleton.ReconcileAsync(stored, default));
        Assert.Equal(["read", "check", "report"], refused.Ran);

        var failed = new ScriptedKind(("apply", _ => throw new AwsApiException("InvalidParameter", "no")), ("export", ScriptedKind.GoOn), ("check", ScriptedKind.GoOn));
        var (second, again) = Start(failed);
        Assert.True((await second.ReconcileAsync(again, default)).RetryWithBackoff);
        Assert.Equal(["apply", "check", "report"], failed.Ran);
        Assert.Equal(nameof(SyncOutcome.AwsFailed), _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);
    }

    [Fact]
    public async Task A_finished_deletion_removes_the_finalizer_and_a_pending_one_writes_its_status()
    {
        var kind = new ScriptedKind(("validate", ScriptedKind.GoOn));
        var (skeleton, stored) = Start(kind);
        await skeleton.ReconcileAsync(stored, default);

        kind.Deletion = DeletionResult<VpcEndpointStatus>.Pending(new(new VpcEndpointStatus { State = "deleting" }, [], [], false),
            ReconcileResult.After(TimeSpan.FromSeconds(7)));
        _kube.VpcEndpoints.Delete("ns", "a");
        var deleting = _kube.VpcEndpoints.Get("ns", "a")!;
        Assert.Equal(TimeSpan.FromSeconds(7), (await skeleton.ReconcileAsync(deleting, default)).RequeueAfter);
        Assert.Equal("deleting", _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);

        kind.DeletionThrows = true;
        Assert.True((await skeleton.ReconcileAsync(_kube.VpcEndpoints.Get("ns", "a")!, default)).RetryWithBackoff);
        Assert.StartsWith("deletion failed", _kube.VpcEndpoints.Get("ns", "a")!.Status!.State);

        kind.DeletionThrows = false;
        kind.Deletion = DeletionResult<VpcEndpointStatus>.Finished([]);
        Assert.Same(ReconcileResult.Done, await skeleton.ReconcileAsync(_kube.VpcEndpoints.Get("ns", "a")!, default));
        Assert.Null(_kube.VpcEndpoints.Get("ns", "a"));
        Assert.DoesNotContain("validate", kind.Ran.Skip(2));
    }

    [Fact]
    public void Forgetting_an_object_reaches_the_kind()
    {
        var kind = new ScriptedKind();
        var (skeleton, stored) = Start(kind);
        skeleton.Forget(ResourceKey.Of(stored));
        Assert.Equal([ResourceKey.Of(stored)], kind.Forgotten);
    }
}
