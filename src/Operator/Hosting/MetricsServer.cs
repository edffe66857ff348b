using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Vpce.Operator.Observability;

namespace Vpce.Operator.Hosting;

/// <summary>The operator's HTTP side: Prometheus text on the metrics port (/metrics), liveness and readiness on the health port.</summary>
public static class MetricsServer
{
    private static readonly double[] WorkQueueBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000];

    public static async Task<WebApplication> StartAsync(OperatorMetrics metrics, int metricsPort, int healthPort, Func<bool> ready, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(metricsPort);
            if (healthPort > 0 && healthPort != metricsPort)
            {
                kestrel.ListenAnyIP(healthPort);
            }
        });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(metrics.Meter.Name)
            .AddView("vpce_reconcile_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] })
            .AddView("vpce_aws_request_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })
            // client-go's work-queue buckets: 10 ns to 1000 s, by powers of ten.
            .AddView("vpce_workqueue_queue_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = WorkQueueBuckets })
            .AddView("vpce_workqueue_work_duration_seconds", new ExplicitBucketHistogramConfiguration { Boundaries = WorkQueueBuckets })
            .AddPrometheusExporter());
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireHost($"*:{metricsPort}");
        if (healthPort > 0)
        {
            app.MapGet("/healthz", () => Results.Text("ok")).RequireHost($"*:{healthPort}");
            app.MapGet("/readyz", () => ready() ? Results.Text("ok") : Results.Text("informers not synced", statusCode: 503)).RequireHost($"*:{healthPort}");
        }
        await app.StartAsync(ct);
        return app;
    }
}
