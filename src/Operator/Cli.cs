using System.CommandLine;
using Vpce.Crds.Schema;
#if VPCE_DEMO
using Vpce.Operator.Demo;
#endif
using Vpce.Operator.Hosting;
using Vpce.Operator.Model;

namespace Vpce.Operator;

/// <summary>The verbs: run (the operator; the default), demo (the embedded showcase), crds (the CRD YAML).
/// Every flag of run also reads an environment variable, for the Helm chart. The demo verb exists only in a build with
/// VpceDemo (the default; the image is built without it).</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("vpce-operator: keeps AWS VPC endpoints and S3 bucket policies matching Kubernetes resources.");
        root.Subcommands.Add(RunVerb(RunCommand.ExecuteAsync));
#if VPCE_DEMO
        root.Subcommands.Add(DemoVerb());
#endif
        root.Subcommands.Add(CrdsVerb());
        // `run` is the default verb: no verb, or flags only, means run.
        var verbs = new[] { "run", "demo", "crds", "-h", "--help", "-?", "--version" };
        if (args.Length == 0 || !verbs.Contains(args[0]))
        {
            args = ["run", .. args];
        }
        // SIGTERM cancels the verb's token; the grace lets in-flight reconciles finish and the Lease be released.
        var parsed = root.Parse(args);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(35) });
        // The library reports a flag or variable that does not parse with 1, which ExitCodes keeps for bugs.
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }

    private static Command CrdsVerb()
    {
        var legacy = new Option<bool>("--without-validation-rules")
        {
            Description = "Leave out the CEL rules (x-kubernetes-validations), for clusters older than 1.25; the operator checks the same itself.",
        };
        var command = new Command("crds", "Print the CustomResourceDefinitions (YAML), e.g. for kubectl apply -f -.") { legacy };
        command.SetAction(result => Console.Out.Write(CrdGenerator.GenerateYaml(withValidationRules: !result.GetValue(legacy))));
        return command;
    }

#if VPCE_DEMO
    private static Command DemoVerb()
    {
        var keepRunning = new Option<bool>("--keep-running") { Description = "Stay up after the story, in real time (Ctrl-C stops)." };
        var metricsPort = new Option<int>("--metrics-port") { Description = "With --keep-running: serve /metrics on this port.", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "The embedded showcase: a simulated AWS account and Kubernetes API; no cluster, no AWS account.")
        {
            keepRunning, metricsPort,
        };
        command.SetAction((result, ct) => new DemoCommand(Console.Out).RunAsync(new DemoOptions
        {
            KeepRunning = result.GetValue(keepRunning),
            MetricsPort = result.GetValue(metricsPort),
        }, ct));
        return command;
    }
#endif

    /// <summary>The options `run` would start with for these arguments (after the verb), or null when they are refused: what
    /// the flags and their variables mean, without running.</summary>
    internal static async Task<OperatorOptions?> RunOptionsAsync(params string[] args)
    {
        OperatorOptions? parsed = null;
        var verb = RunVerb((options, _) =>
        {
            parsed = options;
            return Task.FromResult(ExitCodes.Stopped);
        });
        var result = verb.Parse(args);
        var code = await result.InvokeAsync();
        return result.Errors.Count == 0 && code == ExitCodes.Stopped ? parsed : null;
    }

    private static Command RunVerb(Func<OperatorOptions, CancellationToken, Task<int>> execute)
    {
        var region = Env<string?>("--region", "VPCE_REGION", "Default AWS region of endpoints without spec.region (also AWS_REGION).",
            Environment.GetEnvironmentVariable("AWS_REGION"));
        var clusterName = Env("--cluster-name", "VPCE_CLUSTER_NAME", "Value of the vpce.io/cluster ownership tag.", "default");
        var namespaces = new Option<string[]>("--namespace")
        {
            Description = "Namespace to watch (repeatable; default all). Env VPCE_NAMESPACE, comma-separated.",
            DefaultValueFactory = _ => (Environment.GetEnvironmentVariable("VPCE_NAMESPACE") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        var exportNamespaces = new Option<string[]>("--export-namespace")
        {
            Description = "Namespace whose objects' spec.export may write ConfigMaps (repeatable). Not given: every namespace; "
                + "given only empty (--export-namespace=): none. Elsewhere Exported=False, ExportNotAllowed. Env VPCE_EXPORT_NAMESPACES, comma-separated (set, even empty: the list).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var serviceOwners = new Option<string[]>("--endpoint-service-owner")
        {
            Description = "Who may own the endpoint services objects without an AwsAccount (or whose AwsAccount lists none) connect to: "
                + "amazon or a 12-digit account id (repeatable; default amazon and the operator's own account). Env VPCE_ENDPOINT_SERVICE_OWNERS, comma-separated.",
            DefaultValueFactory = _ => (Environment.GetEnvironmentVariable("VPCE_ENDPOINT_SERVICE_OWNERS") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        var resync = Env("--resync-interval", "VPCE_RESYNC_INTERVAL", "How often every object is checked against AWS (90s, 2m, 1h).", "2m");
        var workers = Env("--max-concurrent-reconciles", "VPCE_MAX_CONCURRENT_RECONCILES", "Reconciles that run at once.", 4);
        var metricsPort = Env("--metrics-port", "VPCE_METRICS_PORT", "Port of /metrics (Prometheus text).", 8080);
        var metricsBindAddress = Env("--metrics-bind-address", "VPCE_METRICS_BIND_ADDRESS",
            "IP address /metrics listens on (127.0.0.1: only a sidecar in the pod; the health port stays on every address, for the kubelet). Default: every address.", "0.0.0.0");
        var healthPort = Env("--health-port", "VPCE_HEALTH_PORT", "Port of /healthz and /readyz.", 8081);
        var leaderElect = Env("--leader-elect", "VPCE_LEADER_ELECT", "Run only while holding the leader Lease.", false);
        var endpointUrl = Env<string?>("--aws-endpoint-url", "VPCE_AWS_ENDPOINT_URL", "An AWS-compatible endpoint (LocalStack, moto); also AWS_ENDPOINT_URL.",
            Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
        var kubeconfig = Env<string?>("--kubeconfig", "VPCE_KUBECONFIG", "Kubeconfig file; default in-cluster, else KUBECONFIG or ~/.kube/config.",
            Environment.GetEnvironmentVariable("KUBECONFIG"));
        var leaseNamespace = Env("--lease-namespace", "VPCE_LEASE_NAMESPACE", "Namespace of the leader-election Lease.", "vpce-system");
        var defaultAccount = Env<string?>("--default-account", "VPCE_DEFAULT_ACCOUNT",
            "The AwsAccount objects without spec.accountRef act in; default: the operator's own identity, open to every namespace.", null);

        var command = new Command("run", "Run the operator against the cluster and AWS (the default verb).")
        {
            region, clusterName, namespaces, exportNamespaces, serviceOwners, resync, workers, metricsPort, metricsBindAddress, healthPort, leaderElect, endpointUrl,
            kubeconfig, leaseNamespace, defaultAccount,
        };
        command.SetAction(async (result, ct) =>
        {
            if (!Durations.TryParse(result.GetValue(resync)!, out var interval))
            {
                Console.Error.WriteLine($"--resync-interval: \"{result.GetValue(resync)}\" is not a duration such as 90s, 2m or 1h");
                return ExitCodes.Usage;
            }
            var owners = result.GetValue(serviceOwners) ?? [];
            if (owners.FirstOrDefault(o => !EndpointServiceOwners.IsOwner(o)) is { } badOwner)
            {
                Console.Error.WriteLine($"--endpoint-service-owner: \"{badOwner}\" is neither amazon nor a 12-digit account id");
                return ExitCodes.Usage;
            }
            if (!MetricsServer.TryParseBindAddress(result.GetValue(metricsBindAddress)!, out var bindAddress))
            {
                Console.Error.WriteLine($"--metrics-bind-address: \"{result.GetValue(metricsBindAddress)}\" is not an IP address such as 0.0.0.0, 127.0.0.1 or ::");
                return ExitCodes.Usage;
            }
            var options = new OperatorOptions
            {
                Region = NullIfEmpty(result.GetValue(region)),
                ClusterName = result.GetValue(clusterName)!,
                Namespaces = result.GetValue(namespaces) ?? [],
                ResyncInterval = interval,
                MaxConcurrentReconciles = Math.Max(1, result.GetValue(workers)),
                ExportNamespaces = ExportNamespaces(result.GetResult(exportNamespaces) is { Implicit: false } ? result.GetValue(exportNamespaces) : null,
                    Environment.GetEnvironmentVariable("VPCE_EXPORT_NAMESPACES")),
                MetricsPort = result.GetValue(metricsPort),
                MetricsBindAddress = bindAddress,
                HealthPort = result.GetValue(healthPort),
                LeaderElect = result.GetValue(leaderElect),
                AwsEndpointUrl = NullIfEmpty(result.GetValue(endpointUrl)),
                Kubeconfig = NullIfEmpty(result.GetValue(kubeconfig)),
                LeaseNamespace = result.GetValue(leaseNamespace)!,
                DefaultAccount = NullIfEmpty(result.GetValue(defaultAccount)),
                EndpointServiceOwners = owners.Length > 0 ? owners : null,
            };
            return await execute(options, ct);
        });
        return command;
    }

    /// <summary>A flag whose default comes from an environment variable, then from <paramref name="fallback"/>.
    /// A variable that does not parse is a usage error naming it, as a bad flag is.</summary>
    private static Option<T> Env<T>(string name, string variable, string description, T fallback) =>
        new(name)
        {
            Description = $"{description} Env {variable}.",
            DefaultValueFactory = result =>
            {
                if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text)
                {
                    return fallback;
                }
                var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
                object? parsed = type == typeof(bool) ? (bool.TryParse(text, out var b) ? b : null)
                    : type == typeof(int) ? (int.TryParse(text, out var i) ? i : null)
                    : text;
                if (parsed is null)
                {
                    result.AddError($"{variable}=\"{text}\" is not a valid value for {name}");
                    return fallback;
                }
                return (T)parsed;
            },
        };

    /// <summary>The export namespaces: the flag's values when it is given (an empty value adds none, so
    /// --export-namespace= alone means none), else the variable's when it is set (empty: none), else null (every namespace).</summary>
    internal static IReadOnlySet<string>? ExportNamespaces(string[]? flag, string? variable)
    {
        var given = flag ?? variable?.Split(',');
        return given?.Select(n => n.Trim()).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
