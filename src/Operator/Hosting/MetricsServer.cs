using OpenTelemetry;
using OpenTelemetry.Metrics;
using Vpce.Operator.Observability;

namespace Vpce.Operator.Hosting;

/// <summary>The operator's HTTP side: Prometheus text on the metrics port (/metrics), liveness and readiness on the health port.
/// Both are System.Net.HttpListener (the OpenTelemetry exporter's and <see cref="HealthEndpoints"/>), not Kestrel: three
/// fixed paths do not need ASP.NET Core, and leaving its framework out of the process saves its code's memory.</summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private static readonly double[] WorkQueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

    private readonly MeterProvider _meters;
    private readonly HealthEndpoints? _health;

    private MetricsServer(MeterProvider meters, HealthEndpoints? health)
    {
        _meters = meters;
        _health = health;
    }

    /// <summary>Serves /metrics on every address at <paramref name="metricsPort"/>, and /healthz and /readyz at
    /// <paramref name="healthPort"/> unless it is 0 (it may be the metrics port).</summary>
    /// <summary>The most vpce_drift series kept: twice the 10,000 objects the bench runs.</summary>
    public const int DriftSeriesLimit = 20_000;

    public static Task<MetricsServer> StartAsync(OperatorMetrics metrics, int metricsPort, int healthPort, Func<bool> ready, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(metrics.Meter.Name)
            .AddView("vpce_reconcile_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] })
            .AddView("vpce_aws_request_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })
            // client-go's work-queue buckets: 10 ns to 1000 s, by powers of ten.
            .AddView("vpce_workqueue_queue_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = WorkQueueBuckets })
            .AddView("vpce_workqueue_work_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = WorkQueueBuckets })
            // One series per drifted object: room for every object of a large fleet drifting at once (the default is 2,000).
            .AddView("vpce_drift", new MetricStreamConfiguration { CardinalityLimit = DriftSeriesLimit })
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
        HealthEndpoints? health = null;
        try
        {
            health = healthPort > 0 ? HealthEndpoints.Start(healthPort, ready) : null;
        }
        catch
        {
            meters.Dispose();
            throw;
        }
        return Task.FromResult(new MetricsServer(meters, health));
    }

    public async ValueTask DisposeAsync()
    {
        if (_health is not null)
        {
            await _health.DisposeAsync();
        }
        _meters.Dispose();
    }
}
