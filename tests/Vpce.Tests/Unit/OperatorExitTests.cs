using Microsoft.Extensions.Logging;
using Vpce.Operator.Hosting;
using Vpce.Operator.Runtime;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit;

/// <summary>How a run's end becomes `run`'s exit: one line and a documented code each; only a bug keeps its stack trace.</summary>
public sealed class OperatorExitTests
{
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task A_run_that_ends_on_shutdown_exits_0()
    {
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();

        Assert.Equal(ExitCodes.Stopped, await OperatorExit.AwaitAsync(Task.CompletedTask, _log, shutdown.Token));
        Assert.Equal(ExitCodes.Stopped, await OperatorExit.AwaitAsync(Task.FromCanceled(shutdown.Token), _log, shutdown.Token));
        Assert.All(_log.Entries, e => Assert.Equal((LogLevel.Information, null), (e.Level, e.Exception)));
    }

    [Fact]
    public async Task Leadership_lost_exits_3_with_one_line_and_no_stack_trace()
    {
        var code = await OperatorExit.AwaitAsync(Task.FromException(new LeadershipLostException("the lease was lost")), _log, CancellationToken.None);

        Assert.Equal(ExitCodes.LeadershipLost, code);
        var line = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Error, "leadership lost: the lease was lost", null), (line.Level, line.Message, line.Exception));
    }

    [Fact]
    public async Task Anything_else_is_a_bug_exits_1_and_keeps_its_stack_trace()
    {
        var bug = new InvalidOperationException("a bug");
        var code = await OperatorExit.AwaitAsync(Task.FromException(bug), _log, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, code);
        var line = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Critical, bug), (line.Level, line.Exception));
    }
}
