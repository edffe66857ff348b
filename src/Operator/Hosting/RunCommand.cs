using Microsoft.Extensions.Logging;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Aws.Sdk;
using Vpce.Operator.Kube;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Hosting;

/// <summary>The `run` verb: the operator against a real cluster (KubernetesClient) and AWS (the AWS SDK), wrapped once in
/// the resilience pipeline, with metrics and health endpoints, under leader election when asked.</summary>
public static class RunCommand
{
    /// <summary>Runs until <paramref name="ct"/> is cancelled (SIGTERM) or the operator cannot go on; the result is one of
    /// <see cref="ExitCodes"/>, and each way out is one log line.</summary>
    public static async Task<int> ExecuteAsync(OperatorOptions options, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.IncludeScopes = true; })
            .SetMinimumLevel(LogLevel.Information));
        var log = loggers.CreateLogger("vpce-operator");
        var time = TimeProvider.System;
        KubeApis kube;
        try
        {
            kube = KubeApis.Connect(options.Kubeconfig, time, loggers);
        }
        catch (KubeconfigUnusableException e)
        {
            log.LogError("cannot use the Kubernetes configuration: {Message}", e.Message);
            return ExitCodes.KubeconfigUnusable;
        }
        using (kube)
        {
            return await RunAsync(options, kube, time, loggers, log, ct);
        }
    }

    private static async Task<int> RunAsync(OperatorOptions options, KubeApis kube, TimeProvider time, ILoggerFactory loggers, ILogger log,
        CancellationToken ct)
    {
        using var metrics = new OperatorMetrics();
        // Per-region clients and pipelines live while an object uses the region (the controllers Use and Release it).
        var regions = new RegionsInUse();
        using var sdk = new SdkAwsApis(new AwsConnectionOptions(options.Region, options.AwsEndpointUrl), regions);
        var aws = new ResilientAwsApis(sdk, new AwsResilienceOptions(), metrics, time, regions);
        var settings = new ReconcileSettings(options.Region, options.ClusterName) { ExportNamespaces = options.ExportNamespaces, EndpointServiceOwners = options.EndpointServiceOwners };

        var controllers = new OperatorControllers(aws, kube, metrics, settings, new ControllerOptions
        {
            Namespaces = options.Namespaces,
            MaxConcurrentReconciles = options.MaxConcurrentReconciles,
            ResyncInterval = options.ResyncInterval,
        }, time, loggers, regions, defaultAccount: options.DefaultAccount);
        var election = options.LeaderElect
            ? new KubeLeaderElection(kube.Client, options.LeaseNamespace, time: time, logger: loggers.CreateLogger<KubeLeaderElection>())
            : null;
        var manager = new OperatorManager(controllers.All, election, loggers.CreateLogger<OperatorManager>());

        MetricsServer http;
        try
        {
            http = await MetricsServer.StartAsync(metrics, options.MetricsBindAddress, options.MetricsPort, options.HealthPort, () => manager.IsReady, ct);
        }
        catch (PortUnavailableException e)
        {
            log.LogError("cannot listen on port {Port}: {Message}", e.Port, e.Message);
            return ExitCodes.PortUnavailable;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("vpce-operator stopped before it started");
            return ExitCodes.Stopped;
        }
        await using (http)
        {
            log.LogInformation("vpce-operator running: region {Region}, cluster {Cluster}, namespaces {Namespaces}, resync {Resync}, workers {Workers}, metrics {MetricsAddress}:{Metrics}, health :{Health}, export namespaces {Export}{Endpoint}{Leader}{Account}",
                options.Region ?? "(from spec)", options.ClusterName, options.Namespaces.Count == 0 ? "all" : string.Join(",", options.Namespaces),
                options.ResyncInterval, options.MaxConcurrentReconciles, MetricsServer.UriHost(options.MetricsBindAddress), options.MetricsPort, options.HealthPort,
                options.ExportNamespaces is null ? "all" : options.ExportNamespaces.Count == 0 ? "none" : string.Join(",", options.ExportNamespaces.Order(StringComparer.Ordinal)),
                options.AwsEndpointUrl is null ? "" : $", AWS endpoint {options.AwsEndpointUrl}",
                options.LeaderElect ? $", leader election on Lease {options.LeaseNamespace}/{KubeLeaderElection.DefaultLeaseName}" : "",
                options.DefaultAccount is null ? "" : $", default AwsAccount {options.DefaultAccount}");
            return await OperatorExit.AwaitAsync(manager.RunAsync(ct), log, ct);
        }
    }
}
