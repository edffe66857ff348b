using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Kube;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Kube;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit.Kube;

/// <summary>The adapter's election with the API server killed under it (every connection refused, as during a
/// control-plane upgrade), in virtual time: the leader stops leading at its renew deadline and the run ends the designed
/// way, `leadership lost` and exit code 3, however the renewals and the release on the way out fail: one line each, no
/// exception out of the election.</summary>
public sealed class KubeLeaderElectionOutageTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Refused_connections_past_the_renew_deadline_end_the_run_with_leadership_lost_and_exit_code_3()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var server = new LeaseServer();
        var electionLog = new RecordingLogger();
        var exitLog = new RecordingLogger();
        var client = KubeApis.CreateClient(new KubernetesClientConfiguration { Host = "http://api.test" }, time, null, server);
        var election = new KubeLeaderElection(client, "vpce-system", identity: "me", time: time, logger: electionLog);
        // The controllers read an in-memory store: only the Lease's API server goes away here.
        var controller = new ControllerHost<VpcEndpoint>(new InMemoryKube(time).VpcEndpoints, new DoneReconciler<VpcEndpoint>(), time: time);
        var manager = new OperatorManager([controller], election);
        using var stop = new CancellationTokenSource();

        var exit = OperatorExit.AwaitAsync(manager.RunAsync(stop.Token), exitLog, stop.Token);
        await WaitUntilAsync(() => manager.IsLeading && server.Holder == "me");
        server.Refusing = true;
        var refusedAt = time.GetUtcNow();
        for (var moved = TimeSpan.Zero; !exit.IsCompleted && moved < TimeSpan.FromSeconds(30); moved += Step)
        {
            time.Advance(Step);
            await Task.Yield();
        }
        var code = await exit.WaitAsync(TestObjects.Patience);

        Assert.Equal(ExitCodes.LeadershipLost, code);
        Assert.True(time.GetUtcNow() - refusedAt >= election.Timings.RenewDeadline - election.Timings.RetryPeriod);
        var line = Assert.Single(exitLog.Entries);
        Assert.Equal((LogLevel.Error, null), (line.Level, line.Exception));
        Assert.StartsWith("leadership lost: ", line.Message);
        // Each renewal that met a refused connection, and the release on the way out, said so in one line.
        Assert.All(electionLog.Entries, e => Assert.Null(e.Exception));
        Assert.Contains(electionLog.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Connection refused"));
        Assert.Contains(electionLog.Entries, e => e.Message.StartsWith("could not release lease", StringComparison.Ordinal));
        Assert.Contains(electionLog.Entries, e => e.Message.StartsWith("no renewal of lease", StringComparison.Ordinal));
        Assert.Equal("me", server.Holder);
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
