using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;
using Vpce.Crds.Schema;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.Deploy;

/// <summary>The operator as the chart installs it, on a real API server: the chart rendered (installScope namespace), its
/// objects applied, the operator process run with the chart ServiceAccount's token only (no cluster-admin); an endpoint is
/// created, made ready and deleted, SIGTERM releases the Lease, and nothing in the log is forbidden.</summary>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class ChartRbacContractTests : IClassFixture<AwsNetwork>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AwsNetwork _net;

    public ChartRbacContractTests(AwsNetwork net) => _net = net;

    [ChartContractFact]
    public async Task The_operator_runs_under_the_charts_rbac_alone()
    {
        var ns = "vpce-chart-" + _net.RunId;
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/vpcendpoints.vpce.io"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));
        Process? operatorProcess = null;
        var log = new StringBuilder();
        try
        {
            var rendered = await Run(HelmEngine.Find()!, HelmEngine.TemplateArguments(HelmEngine.Find()!, "vpce-operator",
                Path.Combine(RepoRoot.Find(), "deploy/helm/vpce-operator"), ns, "installScope=namespace"));
            // The CRDs went in above, as the README's upgrade note says; the rest is what the chart installs.
            var objects = string.Join("\n---\n", rendered.Split("\n---").Where(d => !d.Contains("kind: CustomResourceDefinition")));
            ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "-f", "-"));
            var token = ContractWait.Ok(await Kubectl.RunAsync(null, "-n", ns, "create", "token", "vpce-operator")).Trim();
            var kubeconfig = ServiceAccountKubeconfig(token, ns);

            operatorProcess = StartOperator(kubeconfig, ns, log);
            var manifest = $$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: s3, namespace: {{ns}}}
                spec:
                  vpcId: {{_net.VpcId}}
                  serviceName: s3
                  routeTableIds: [{{_net.RouteTableIds[0]}}]
                """;
            ContractWait.Ok(await Kubectl.RunAsync(manifest, "apply", "-f", "-"));
            await Until(async () => ContractWait.Ok(await Kubectl.RunAsync(null, "get", "vpce", "s3", "-n", ns,
                "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")) == "True", log);
            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpce", "s3", "-n", ns, "--wait=false"));
            await Until(async () => (await Kubectl.RunAsync(null, "get", "vpce", "s3", "-n", ns)).ExitCode != 0, log);

            // SIGTERM as the kubelet sends it: the operator drains and releases its Lease within the chart's grace.
            using (var kill = Process.Start("kill", ["-TERM", operatorProcess.Id.ToString()])) await kill.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            await operatorProcess.WaitForExitAsync(grace.Token);
            Assert.True(operatorProcess.ExitCode == 0, $"exit {operatorProcess.ExitCode}\n{log}");
            Assert.Contains("released lease " + ns + "/vpce-operator-leader", log.ToString());
            Assert.DoesNotContain("forbidden", log.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (operatorProcess is { HasExited: false }) operatorProcess.Kill(entireProcessTree: true);
            operatorProcess?.Dispose();
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }

    private Process StartOperator(string kubeconfig, string ns, StringBuilder log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "vpce-operator.dll"), "run", "--cluster-name", "chart-" + _net.RunId,
            "--kubeconfig", kubeconfig, "--aws-endpoint-url", Environment.GetEnvironmentVariable("VPCE_TEST_AWS_ENDPOINT_URL")!,
            "--region", AwsNetwork.Region, "--namespace", ns, "--leader-elect=true", "--lease-namespace", ns,
            "--metrics-port", FreePort().ToString(), "--health-port", FreePort().ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "testing";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The test cluster's server, with the ServiceAccount's token as the only credential.</summary>
    private static string ServiceAccountKubeconfig(string token, string ns)
    {
        var admin = KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"));
        var path = Path.Combine(Path.GetTempPath(), $"vpce-chart-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(path, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: test, cluster: {server: "{{{admin.Host}}}", insecure-skip-tls-verify: true}}]
            users: [{name: operator, user: {token: "{{{token}}}"}}]
            contexts: [{name: test, context: {cluster: test, user: operator, namespace: {{{ns}}}}}]
            current-context: test
            """);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {await stderr}");
        return await stdout;
    }

    private static async Task Until(Func<Task<bool>> done, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {Patience}; operator log:\n{log}");
            await Task.Delay(500);
        }
    }
}
