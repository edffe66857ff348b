using System.Net;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Vpce.Operator.Observability;

namespace Vpce.Operator.Hosting;

/// <summary>The operator's HTTP side: Prometheus text on the metrics port (/metrics), liveness and readiness on the health port.
/// Both are System.Net.HttpListener (the OpenTelemetry exporter's and <see cref="HealthEndpoints"/>), not Kestrel: three
/// fixed paths do not need ASP.NET Core, and leaving its framework out of the process saves its code's memory.</summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly MeterProvider _meters;
    private readonly HealthEndpoints? _health;

    private MetricsServer(MeterProvider meters, HealthEndpoints? health)
    {
        _meters = meters;
        _health = health;
    }

    /// <summary>Serves /metrics on every address at <paramref name="metricsPort"/>, and /healthz and /readyz at
    /// <paramref name="healthPort"/> unless it is 0 (it may be the metrics port).</summary>
    /// <exception cref="PortUnavailableException">A port is held by another process, or not allowed.</exception>
    public static Task<MetricsServer> StartAsync(OperatorMetrics metrics, int metricsPort, int healthPort, Func<bool> ready, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        MeterProvider meters;
        try
        {
            meters = BuildMeters(metrics, metricsPort);
        }
        catch (InvalidOperationException e) when (e.InnerException is HttpListenerException listener)
        {
            // The exporter wraps its listener's failure.
            throw new PortUnavailableException(metricsPort, $"metrics: {listener.Message}", e);
        }
        // The exporter listens now: from its first scrape every series of a known label set reads 0 until it counts.
        metrics.StartAtZero();
        HealthEndpoints? health = null;
        try
        {
            health = healthPort > 0 ? HealthEndpoints.Start(healthPort, ready) : null;
        }
        catch (HttpListenerException e)
        {
            meters.Dispose();
            throw new PortUnavailableException(healthPort, $"health: {e.Message}", e);
        }
        catch
        {
            meters.Dispose();
            throw;
        }
        return Task.FromResult(new MetricsServer(meters, health));
    }

    private static MeterProvider BuildMeters(OperatorMetrics metrics, int metricsPort) =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(metrics.Meter.Name)
            .AddView(MetricViews.For)
            // Every address, as Kestrel's ListenAnyIP did: HttpListener's "+", which the exporter's Host (a URI host) cannot say.
            .AddPrometheusHttpListener(o =>
            {
                o.Port = metricsPort;
                o.ScrapeEndpointPath = "/metrics";
                o.ConfigureHttpListener = (_, listener) =>
                {
                    listener.Prefixes.Clear();
                    listener.Prefixes.Add($"http://+:{metricsPort}/metrics/");
                };
            })
            .Build();

    public async ValueTask DisposeAsync()
    {
        if (_health is not null)
        {
            await _health.DisposeAsync();
        }
        _meters.Dispose();
    }
}
