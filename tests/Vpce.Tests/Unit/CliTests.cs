using Vpce.Operator;
using Vpce.Operator.Hosting;

namespace Vpce.Tests.Unit;

/// <summary>Bad command-line input is a usage error with a message, never a crash or a start with a wrong setting.</summary>
[Collection(nameof(CliTests))]
public sealed class CliTests
{
    [Fact]
    public async Task A_resync_interval_that_is_not_a_duration_is_refused()
    {
        Assert.Equal(ExitCodes.Usage, await Cli.RunAsync(["run", "--resync-interval", "soon"]));
    }

    [Fact]
    public async Task An_environment_variable_that_does_not_parse_is_refused()
    {
        Environment.SetEnvironmentVariable("VPCE_MAX_CONCURRENT_RECONCILES", "many");
        try
        {
            Assert.Equal(ExitCodes.Usage, await Cli.RunAsync(["run"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VPCE_MAX_CONCURRENT_RECONCILES", null);
        }
    }

    [Fact]
    public async Task An_unknown_flag_is_refused() =>
        Assert.Equal(ExitCodes.Usage, await Cli.RunAsync(["run", "--regoin", "eu-west-1"]));

    [Fact]
    public async Task A_kubeconfig_that_is_not_there_ends_run_with_its_own_exit_code()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vpce-{Guid.NewGuid():N}", "kubeconfig");
        Assert.Equal(ExitCodes.KubeconfigUnusable, await Cli.RunAsync(["run", "--kubeconfig", missing]));
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_yaml_ends_run_with_its_own_exit_code()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "clusters: [ {");
            Assert.Equal(ExitCodes.KubeconfigUnusable, await Cli.RunAsync(["run", "--kubeconfig", file]));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
