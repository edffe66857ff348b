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

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--export-namespace=" }, "")]
    [InlineData(new[] { "--export-namespace", "platform" }, "platform")]
    [InlineData(new[] { "--export-namespace=platform", "--export-namespace", "data" }, "data,platform")]
    [InlineData(new[] { "--export-namespace=", "--export-namespace=platform" }, "platform")]
    public async Task Export_namespaces_absent_mean_every_namespace_and_an_empty_value_alone_means_none(string[] args, string? expected)
    {
        var options = await Cli.RunOptionsAsync(args);
        Assert.NotNull(options);
        Assert.Equal(expected, options.ExportNamespaces is { } set ? string.Join(",", set.Order(StringComparer.Ordinal)) : null);
    }

    [Fact]
    public async Task Export_namespaces_come_from_the_variable_when_the_flag_is_not_given()
    {
        Environment.SetEnvironmentVariable("VPCE_EXPORT_NAMESPACES", "platform, data,");
        try
        {
            Assert.Equal(["data", "platform"], (await Cli.RunOptionsAsync())!.ExportNamespaces!.Order(StringComparer.Ordinal));
            Assert.Equal(["web"], (await Cli.RunOptionsAsync("--export-namespace", "web"))!.ExportNamespaces!);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VPCE_EXPORT_NAMESPACES", null);
        }
        // A variable set to nothing (a pod's env value ""): none.
        Assert.Empty(Cli.ExportNamespaces(null, "")!);
        Assert.Null(Cli.ExportNamespaces(null, null));
    }

    [Theory]
    [InlineData(new string[0], "0.0.0.0")]
    [InlineData(new[] { "--metrics-bind-address", "127.0.0.1" }, "127.0.0.1")]
    [InlineData(new[] { "--metrics-bind-address=::1" }, "::1")]
    [InlineData(new[] { "--metrics-bind-address=[::]" }, "::")]
    public async Task The_metrics_bind_address_is_an_ip_address(string[] args, string expected) =>
        Assert.Equal(System.Net.IPAddress.Parse(expected), (await Cli.RunOptionsAsync(args))!.MetricsBindAddress);

    [Fact]
    public async Task A_metrics_bind_address_that_is_no_ip_address_is_refused()
    {
        Assert.Null(await Cli.RunOptionsAsync("--metrics-bind-address", "localhost"));
        Assert.Equal(ExitCodes.Usage, await Cli.RunAsync(["run", "--metrics-bind-address", "localhost"]));
    }
}
