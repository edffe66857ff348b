using System.Net;
using System.Net.Sockets;
using Vpce.Operator.Hosting;
using Vpce.Operator.Observability;

namespace Vpce.Tests.Unit;

/// <summary>The probes and the scrape as the chart's kubelet and Prometheus see them: over HTTP, on the ports given.</summary>
public sealed class MetricsServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Healthz_answers_and_readyz_answers_503_until_ready()
    {
        using var metrics = new OperatorMetrics();
        var ready = false;
        var (metricsPort, healthPort) = (FreePort(), FreePort());
        await using var server = await MetricsServer.StartAsync(metrics, metricsPort, healthPort, () => ready, CancellationToken.None);

        var healthz = await Http.GetAsync($"http://127.0.0.1:{healthPort}/healthz");
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        var notReady = await Http.GetAsync($"http://127.0.0.1:{healthPort}/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("informers not synced", await notReady.Content.ReadAsStringAsync());

        ready = true;
        var readyz = await Http.GetAsync($"http://127.0.0.1:{healthPort}/readyz");
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal("ok", await readyz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_serves_the_operators_meter_in_prometheus_text_on_the_metrics_port_only()
    {
        using var metrics = new OperatorMetrics();
        var (metricsPort, healthPort) = (FreePort(), FreePort());
        await using var server = await MetricsServer.StartAsync(metrics, metricsPort, healthPort, () => true, CancellationToken.None);
        metrics.RecordRefusal("VpcEndpoint", "AdoptionConflict");

        var scrape = await Http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.ToString());
        Assert.Contains("vpce_refusals_total{", await scrape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"http://127.0.0.1:{healthPort}/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"http://127.0.0.1:{metricsPort}/healthz")).StatusCode);
    }

    [Fact]
    public async Task Metrics_bound_to_one_address_answer_there_only_and_health_stays_on_every_address()
    {
        // 127.0.0.2 is loopback on Linux too: bound there, 127.0.0.1 is refused on the metrics port.
        using var metrics = new OperatorMetrics();
        var (metricsPort, healthPort) = (FreePort(), FreePort());
        await using var server = await MetricsServer.StartAsync(metrics, IPAddress.Parse("127.0.0.2"), metricsPort, healthPort, () => true, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.2:{metricsPort}/metrics")).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics"));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.1:{healthPort}/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.2:{healthPort}/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0", "+")]
    [InlineData("::", "+")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "[::1]")]
    public void The_bind_address_is_the_listeners_host(string address, string host) =>
        Assert.Equal(host, MetricsServer.UriHost(IPAddress.Parse(address)));

    [Fact]
    public async Task The_scrape_has_each_histogram_in_its_own_buckets()
    {
        // Other tests' meters share the name, so only the buckets are asserted, not the counts.
        using var metrics = new OperatorMetrics();
        var port = FreePort();
        await using var server = await MetricsServer.StartAsync(metrics, port, 0, () => true, CancellationToken.None);
        metrics.RecordReconcile("VpcEndpoint", "success", TimeSpan.FromMilliseconds(20));
        metrics.RecordWorkQueueWait("VpcEndpoint", TimeSpan.FromMilliseconds(2));

        var lines = (await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Split('\n');

        // Neither bound is among the exporter's default buckets (0, 5, 10, 25, ... 10000).
        Assert.Contains(lines, l => l.StartsWith("vpce_reconcile_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("le=\"30\"}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("vpce_workqueue_queue_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("le=\"1E-08\"}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_scrape_already_has_the_counters_of_known_labels()
    {
        using var metrics = new OperatorMetrics();
        var port = FreePort();
        await using var server = await MetricsServer.StartAsync(metrics, port, 0, () => true, CancellationToken.None);

        var lines = (await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Split('\n');

        // Other tests' meters share the name, so the series are asserted, not their values.
        Assert.Contains(lines, l => l.StartsWith("vpce_workqueue_retries_total{", StringComparison.Ordinal)
            && l.Contains("name=\"EndpointBucketPolicy\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("vpce_refusals_total{", StringComparison.Ordinal)
            && l.Contains("kind=\"EndpointBucketPolicy\"", StringComparison.Ordinal) && l.Contains("reason=\"PolicyTooLarge\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("vpce_aws_requests_total{", StringComparison.Ordinal)
            && l.Contains("operation=\"DeleteBucketPolicy\"", StringComparison.Ordinal) && l.Contains("outcome=\"throttled\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_port_can_serve_the_probes_and_the_scrape()
    {
        using var metrics = new OperatorMetrics();
        var port = FreePort();
        await using var server = await MetricsServer.StartAsync(metrics, port, port, () => true, CancellationToken.None);
        metrics.RecordRefusal("VpcEndpoint", "AdoptionConflict");

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode);
        Assert.Contains("vpce_refusals_total{", await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
    }

    [Fact]
    public async Task Disposing_frees_the_ports()
    {
        using var metrics = new OperatorMetrics();
        var (metricsPort, healthPort) = (FreePort(), FreePort());
        await (await MetricsServer.StartAsync(metrics, metricsPort, healthPort, () => true, CancellationToken.None)).DisposeAsync();

        // A second start on the same ports (a restarted run verb in one process, as the tests do) binds them again.
        await using var again = await MetricsServer.StartAsync(metrics, metricsPort, healthPort, () => true, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.1:{healthPort}/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_port_another_process_holds_is_reported_with_the_port_and_nothing_is_left_listening()
    {
        using var metrics = new OperatorMetrics();
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        var free = FreePort();

        var onMetrics = await Assert.ThrowsAsync<PortUnavailableException>(() => MetricsServer.StartAsync(metrics, held, free, () => true, CancellationToken.None));
        var onHealth = await Assert.ThrowsAsync<PortUnavailableException>(() => MetricsServer.StartAsync(metrics, free, held, () => true, CancellationToken.None));

        Assert.Equal((held, held), (onMetrics.Port, onHealth.Port));
        Assert.StartsWith("metrics: ", onMetrics.Message);
        Assert.StartsWith("health: ", onHealth.Message);
        // The metrics listener of the failed start was let go: the port can be served again.
        await using var server = await MetricsServer.StartAsync(metrics, free, FreePort(), () => true, CancellationToken.None);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
