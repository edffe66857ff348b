using Vpce.Operator;

namespace Vpce.Tests.Unit;

/// <summary>Bad command-line input is a usage error with a message, never a crash or a start with a wrong setting.</summary>
[Collection(nameof(CliTests))]
public sealed class CliTests
{
    [Fact]
    public async Task A_resync_interval_that_is_not_a_duration_is_refused()
    {
        Assert.Equal(2, await Cli.RunAsync(["run", "--resync-interval", "soon"]));
    }

    [Fact]
    public async Task An_environment_variable_that_does_not_parse_is_refused()
    {
        Environment.SetEnvironmentVariable("VPCE_MAX_CONCURRENT_RECONCILES", "many");
        try
        {
            Assert.NotEqual(0, await Cli.RunAsync(["run"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VPCE_MAX_CONCURRENT_RECONCILES", null);
        }
    }

    [Fact]
    public async Task An_unknown_flag_is_refused() =>
        Assert.NotEqual(0, await Cli.RunAsync(["run", "--regoin", "eu-west-1"]));
}
