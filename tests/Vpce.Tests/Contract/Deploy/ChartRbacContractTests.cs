using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.EC2.Model;
using k8s;
using Vpce.Crds.Schema;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.Deploy;

/// <summary>The chart on a real API server, as a new user would try it: every object it renders (default values, installScope
/// namespace, the optional dashboard) accepted by the server; and the operator process run with the chart ServiceAccount's
/// token only (no cluster-admin) reconciling two manifests of examples/ unchanged (but for their namespace) on the labs'
/// network, deleting them (Retain leaves its endpoint), releasing the Lease on SIGTERM, with nothing forbidden in its log.</summary>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class ChartRbacContractTests : IClassFixture<LabsNetwork>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string Chart = Path.Combine(RepoRoot.Find(), "deploy/helm/vpce-operator");
    private readonly LabsNetwork _labs;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];

    public ChartRbacContractTests(LabsNetwork labs) => _labs = labs;

    [ChartContractFact]
    public async Task Every_object_the_chart_renders_is_accepted_by_the_api_server()
    {
        var ns = "vpce-render-" + _runId;
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));
        try
        {
            foreach (var values in new[] { Array.Empty<string>(), ["installScope=namespace"], ["grafanaDashboard.enabled=true", "priorityClassName=system-cluster-critical"] })
            {
                var (crds, objects) = await RenderAsync(ns, values);
                // Clusters before 1.25 do not know the CRDs' CEL rules and kubectl refuses the unknown field client-side.
                ContractWait.Ok(await Kubectl.RunAsync(crds, "apply", "--dry-run=server", "--validate=false", "-f", "-"));
                var applied = ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "--dry-run=server", "-f", "-"));
                var expected = values.Contains("installScope=namespace")
                    ? new[] { "role.rbac.authorization.k8s.io/vpce-operator ", "deployment.apps/vpce-operator " }
                    : ["clusterrole.rbac.authorization.k8s.io/vpce-operator ", "deployment.apps/vpce-operator "];
                foreach (var name in expected) Assert.Contains(name, applied);
                if (values.Contains("grafanaDashboard.enabled=true")) Assert.Contains("configmap/vpce-operator-dashboard ", applied);
            }
        }
        finally
        {
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }

    [ChartContractFact]
    public async Task The_operator_runs_under_the_charts_rbac_alone_and_reconciles_the_examples()
    {
        var ns = "vpce-chart-" + _runId;
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/vpcendpoints.vpce.io"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));
        Process? operatorProcess = null;
        var log = new StringBuilder();
        try
        {
            // The CRDs went in above, as the README's upgrade note says; the rest is what the chart installs.
            var (_, objects) = await RenderAsync(ns, "installScope=namespace");
            ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "-f", "-"));
            var token = ContractWait.Ok(await Kubectl.RunAsync(null, "-n", ns, "create", "token", "vpce-operator")).Trim();
            var kubeconfig = ServiceAccountKubeconfig(token, ns);

            operatorProcess = StartOperator(kubeconfig, ns, log);
            foreach (var example in new[] { "s3-gateway.yaml", "kms-interface.yaml" })
            {
                var manifest = File.ReadAllText(Path.Combine(RepoRoot.Find(), "examples", example)).Replace("namespace: platform", $"namespace: {ns}");
                ContractWait.Ok(await Kubectl.RunAsync(manifest, "apply", "-f", "-"));
            }
            foreach (var name in new[] { "s3-private", "kms" })
            {
                await Until(async () => ContractWait.Ok(await Kubectl.RunAsync(null, "get", "vpce", name, "-n", ns,
                    "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")) == "True", log);
            }
            // The security group found by its tag, in the labs' VPC.
            Assert.Equal($"[\"{_labs.SecurityGroupId}\"]", ContractWait.Ok(await Kubectl.RunAsync(null, "get", "vpce", "kms", "-n", ns, "-o", "jsonpath={.status.securityGroupIds}")));
            var kmsEndpoint = ContractWait.Ok(await Kubectl.RunAsync(null, "get", "vpce", "kms", "-n", ns, "-o", "jsonpath={.status.endpointId}"));
            foreach (var name in new[] { "s3-private", "kms" })
            {
                ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpce", name, "-n", ns, "--wait=false"));
                await Until(async () => (await Kubectl.RunAsync(null, "get", "vpce", name, "-n", ns)).ExitCode != 0, log);
            }
            // deletionPolicy Retain: the kms endpoint stays on AWS.
            var retained = await _labs.Ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [kmsEndpoint] });
            Assert.Equal("available", Assert.Single(retained.VpcEndpoints).State.Value, ignoreCase: true);

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

    /// <summary>The chart rendered for a release in <paramref name="ns"/>: its CRDs, and every other object.</summary>
    private static async Task<(string Crds, string Objects)> RenderAsync(string ns, params string[] values)
    {
        var engine = HelmEngine.Find()!;
        var documents = (await Run(engine, HelmEngine.TemplateArguments(engine, "vpce-operator", Chart, ns, values))).Split("\n---")
            .Where(d => d.Contains("kind:")).ToList();
        bool IsCrd(string d) => d.Contains("kind: CustomResourceDefinition");
        return (string.Join("\n---\n", documents.Where(IsCrd)), string.Join("\n---\n", documents.Where(d => !IsCrd(d))));
    }

    private Process StartOperator(string kubeconfig, string ns, StringBuilder log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "vpce-operator.dll"), "run", "--cluster-name", "chart-" + _runId,
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
