using Microsoft.Extensions.Logging;
using Vpce.Operator.Hosting;
using Vpce.Operator.Kube;
using Vpce.Simulation.Kube;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Component;

/// <summary>The API server taken away for 20 s, as a control-plane upgrade does, in virtual time. Under leader election that
/// is past the renew deadline (10 s): the operator stops its controllers and its run ends the designed way, one line
/// `leadership lost` and exit code 3, with no exception escaping. Without election the same outage is ridden out: the
/// watches resume from their resourceVersion (no relist) and reconciles and resyncs go on.</summary>
public sealed class ApiOutageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task With_leader_election_an_outage_past_the_renew_deadline_ends_the_run_with_leadership_lost_and_exit_code_3()
    {
        var loggers = new RecordingLoggers();
        await using var bed = Testbed.Start(new InMemoryOperatorOptions { LeaseIdentity = "only", Loggers = loggers });
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        Assert.True(bed.Operator.Manager.IsLeading);
        var timings = bed.Operator.LeaseElection!.Timings;
        var renewedLast = Lease(bed).RenewTime;

        bed.Kube.TakeAway();
        var away = bed.Operator.Time.GetUtcNow();
        Assert.True(await bed.Operator.ConvergeAsync(() => !bed.Operator.LeaseElection.IsLeader, Outage, Step));
        var stopped = bed.Operator.Time.GetUtcNow();
        var code = await bed.Operator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Stopped at the renew deadline of the last renewal before the outage, within the outage.
        Assert.InRange(stopped - renewedLast, timings.RenewDeadline - Step, timings.RenewDeadline + Step);
        Assert.True(stopped - away < Outage);
        Assert.Equal(ExitCodes.LeadershipLost, code);
        Assert.False(bed.Operator.Manager.IsLeading);
        var exit = Assert.Single(loggers.Of("vpce-operator"));
        Assert.Equal(LogLevel.Error, exit.Level);
        Assert.StartsWith("leadership lost: ", exit.Message);
        Assert.Null(exit.Exception);
        Assert.DoesNotContain(loggers.All(), line => line.Entry.Exception is not null);

        // The release could not reach the API server: the Lease still names the old leader and runs out by itself.
        bed.Kube.BringBack();
        Assert.Equal("only", Lease(bed).HolderIdentity);
    }

    [Fact]
    public async Task Without_leader_election_the_outage_is_ridden_out_and_reconciles_and_resyncs_go_on()
    {
        var loggers = new RecordingLoggers();
        await using var bed = Testbed.Start(new InMemoryOperatorOptions { Loggers = loggers });
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        var informer = Assert.Single(bed.Operator.Endpoints.Informers);
        var (lists, watches) = (informer.ListCount, informer.WatchCount);

        bed.Kube.TakeAway();
        // Drift made while the API server is away is AWS's side: only a resync can see it.
        var table = bed.Account.PrivateRouteTableIds[0];
        bed.Aws.Tamper.RemoveRouteTable(id, table);
        await bed.Operator.AdvanceAsync(Outage, Step);
        Assert.True(informer.ConsecutiveFailures > 0);
        Assert.True(bed.Operator.Manager.IsLeading);
        bed.Kube.BringBack();

        // A change after the outage comes through the resumed watch and is reconciled.
        bed.Apply(Testbed.Interface());
        await bed.ReadyAsync("ssm");
        Assert.Equal(lists, informer.ListCount);
        Assert.True(informer.WatchCount > watches);
        Assert.Equal(0, informer.ConsecutiveFailures);
        // The resync comes round as before and puts the route table back.
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Aws.World.FindEndpoint(id)!.RouteTableIds.Contains(table),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));
        Assert.True(bed.IsReady("s3"));
        Assert.DoesNotContain(loggers.All(), line => line.Entry.Exception is not null);
        Assert.Contains(loggers.All(), line => line.Entry.Level == LogLevel.Warning && line.Entry.Message.Contains("could not be reached"));
    }

    private static InMemoryLease Lease(Testbed bed) =>
        bed.Kube.Leases.Get(InMemoryOperator.LeaseNamespace, KubeLeaderElection.DefaultLeaseName)
        ?? throw new InvalidOperationException("no Lease");
}
