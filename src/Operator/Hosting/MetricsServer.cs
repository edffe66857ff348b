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
    public static Task<MetricsServer> StartAsync(OperatorMetrics metrics, int metricsPort, int healthPort, Func<bool> ready, CancellationToken ct) =>
        StartAsync(metrics, IPAddress.Any, metricsPort, healthPort, ready, ct);

    /// <summary>Serves /metrics on <paramref name="metricsAddress"/> (run --metrics-bind-address; 0.0.0.0 or ::: every
    /// address) at <paramref name="metricsPort"/>, and /healthz and /readyz on every address at <paramref name="healthPort"/>
    /// unless it is 0: the kubelet probes the pod's IP. On one address the listener answers requests that name it as their
    /// host, as a client of that address does (http://127.0.0.1:8080/metrics).</summary>
    /// <exception cref="PortUnavailableException">A port is held by another process, or not allowed.</exception>
    public static Task<MetricsServer> StartAsync(OperatorMetrics metrics, IPAddress metricsAddress, int metricsPort, int healthPort, Func<bool> ready,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        MeterProvider meters;
        try
        {
            meters = BuildMeters(metrics, UriHost(metricsAddress), metricsPort);
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

    /// <summary>An IP address of --metrics-bind-address (0.0.0.0, 127.0.0.1, ::, ::1, [::1]).</summary>
    public static bool TryParseBindAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text.Trim().TrimStart('[').TrimEnd(']'), out address!);

    /// <summary>The address as the host of an HttpListener prefix: "+" (every address) for 0.0.0.0 and ::, IPv6 in brackets.</summary>
    public static string UriHost(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
        : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]"
        : address.ToString();

    private static MeterProvider BuildMeters(OperatorMetrics metrics, string host, int metricsPort) =>
        Sdk.CreateMeterProviderBuilder()
            .AddMeter(metrics.Meter.Name)
            .AddView(MetricViews.For)
            // By default every address, as Kestrel's ListenAnyIP did: HttpListener's "+", which the exporter's Host (a URI host)
            // cannot say.
            .AddPrometheusHttpListener(o =>
            {
                o.Port = metricsPort;
                o.ScrapeEndpointPath = "/metrics";
                o.ConfigureHttpListener = (_, listener) =>
                {
                    listener.Prefixes.Clear();
                    listener.Prefixes.Add($"http://{host}:{metricsPort}/metrics/");
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
