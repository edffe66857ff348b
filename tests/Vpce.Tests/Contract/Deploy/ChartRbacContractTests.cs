using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.EC2.Model;
using k8s;
using Vpce.Crds.Schema;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;
using Vpce.Tests.Deploy;

namespace Vpce.Tests.Contract.Deploy;

/// <summary>The chart on a real API server, as a new user would try it: every object it renders (default values, installScope
/// namespace, the optional dashboard) accepted by the server; and the operator process run with the chart ServiceAccount's
/// token only (no cluster-admin) reconciling two manifests of examples/ unchanged (but for their namespace) on the labs'
/// network, deleting them (Retain leaves its endpoint), releasing the Lease on SIGTERM, with nothing forbidden in its log;
/// and, under both install scopes, the ServiceAccount may read and watch AwsAccounts and namespaces (cluster-scoped) and
/// patch only an AwsAccount's finalizers and status, may write ConfigMaps only in export.namespaces (issue 26: no
/// kube-system/aws-auth), and may not patch its Lease, as the API server's own authorizer answers. The chart's
/// ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, Kubernetes 1.30+) is not applied here: the rig's API server
/// (1.21) has no such API, so it is checked by rendering only (HelmChartSecurityTests).</summary>
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
            var accounts = Path.Combine(Path.GetTempPath(), $"vpce-accounts-{_runId}.yaml");
            File.WriteAllText(accounts, ChartAccountsValues.Payments);
            foreach (var values in new[] { Array.Empty<string>(), ["installScope=namespace"], ["grafanaDashboard.enabled=true", "priorityClassName=system-cluster-critical"],
                         ["installScope=namespace", "@" + accounts],
                         // Issue 26: a Role on ConfigMaps in an export namespace, the NetworkPolicy, a digest, the /tmp limit, the bind address.
                         ["installScope=namespace", $"export.namespaces={{{ns}}}", "networkPolicy.enabled=true", "networkPolicy.probeCidrs={10.0.0.0/8}",
                          "networkPolicy.metricsPodLabels.app=prometheus", "image.digest=sha256:" + new string('a', 64), "tmpSizeLimit=32Mi",
                          "metrics.bindAddress=127.0.0.1"] })
            {
                var (crds, objects) = await RenderAsync(ns, values);
                // Clusters before 1.25 do not know the CRDs' CEL rules and kubectl refuses the unknown field client-side.
                ContractWait.Ok(await Kubectl.RunAsync(crds, "apply", "--dry-run=server", "--validate=false", "-f", "-"));
                if (values.Any(v => v.StartsWith('@')))
                {
                    // The AwsAccounts need their CRD in place for the server to check them (the chart's, as Helm installs it).
                    ContractWait.Ok(await Kubectl.RunAsync(crds, "apply", "--validate=false", "-f", "-"));
                    ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/awsaccounts.vpce.io"));
                }
                var applied = ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "--dry-run=server", "-f", "-"));
                var expected = values.Contains("installScope=namespace")
                    ? new[] { "role.rbac.authorization.k8s.io/vpce-operator ", "deployment.apps/vpce-operator " }
                    : ["clusterrole.rbac.authorization.k8s.io/vpce-operator ", "deployment.apps/vpce-operator "];
                // AwsAccounts and namespaces are cluster-scoped: a ClusterRole under either scope.
                expected = [.. expected, "clusterrole.rbac.authorization.k8s.io/vpce-operator-accounts ", "clusterrolebinding.rbac.authorization.k8s.io/vpce-operator-accounts "];
                foreach (var name in expected) Assert.Contains(name, applied);
                if (values.Contains("grafanaDashboard.enabled=true")) Assert.Contains("configmap/vpce-operator-dashboard ", applied);
                if (values.Contains("networkPolicy.enabled=true"))
                {
                    Assert.Contains("networkpolicy.networking.k8s.io/vpce-operator ", applied);
                    Assert.Contains("role.rbac.authorization.k8s.io/vpce-operator-export ", applied);
                }
                if (values.Any(v => v.StartsWith('@')))
                {
                    Assert.Contains("awsaccount.vpce.io/payments-prod ", applied);
                    Assert.Contains("awsaccount.vpce.io/own-account ", applied);
                }
            }
            File.Delete(accounts);
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
            // s3-gateway.yaml exports its ConfigMap: the release namespace is an export namespace.
            var (_, objects) = await RenderAsync(ns, "installScope=namespace", $"export.namespaces={{{ns}}}");
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
            // spec.export written under the export Role alone.
            await Until(async () => (await Kubectl.RunAsync(null, "get", "vpce", "s3-private", "-n", ns,
                "-o", "jsonpath={.status.conditions[?(@.type==\"Exported\")].status}")).Stdout == "True", log);
            Assert.Equal("VpcEndpoint/s3-private", ContractWait.Ok(await Kubectl.RunAsync(null, "get", "configmap", "s3-private-endpoint", "-n", ns,
                "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}")));
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
            await DeleteClusterObjectsAsync();
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }

    [ChartContractFact]
    public async Task The_service_account_may_watch_accounts_and_namespaces_under_both_scopes()
    {
        // The API server resolves awsaccounts.vpce.io only once its CRD is in.
        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/awsaccounts.vpce.io"));
        foreach (var scope in new[] { "installScope=cluster", "installScope=namespace" })
        {
            var ns = $"vpce-acct-{scope.Split('=')[1]}-{_runId}";
            ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));
            try
            {
                var (_, objects) = await RenderAsync(ns, scope);
                ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "-f", "-"));
                var serviceAccount = $"system:serviceaccount:{ns}:vpce-operator";
                async Task<bool> Can(string verb, string resource, string? subresource = null, string? inNamespace = null)
                {
                    var args = new List<string> { "auth", "can-i", verb, resource, "--as", serviceAccount };
                    if (subresource is not null) args.AddRange(["--subresource", subresource]);
                    args.AddRange(inNamespace is null ? ["--all-namespaces"] : ["-n", inNamespace]);
                    var result = await Kubectl.RunAsync(null, args.ToArray());
                    Assert.True(result.Stdout.Trim() is "yes" or "no", $"kubectl auth can-i {string.Join(' ', args)}: {result.Stdout} {result.Stderr}");
                    return result.Stdout.Trim() == "yes";
                }
                foreach (var verb in new[] { "get", "list", "watch" })
                {
                    Assert.True(await Can(verb, "awsaccounts.vpce.io"), $"{scope}: {verb} awsaccounts");
                    Assert.True(await Can(verb, "namespaces"), $"{scope}: {verb} namespaces");
                }
                Assert.True(await Can("patch", "awsaccounts.vpce.io"), $"{scope}: patch awsaccounts (the finalizer)");
                Assert.True(await Can("patch", "awsaccounts.vpce.io", "status"), $"{scope}: patch awsaccounts/status");
                // Events about an AwsAccount go to "default", as client-go writes a cluster-scoped object's.
                Assert.True(await Can("create", "events", inNamespace: "default"), $"{scope}: create events in default");
                // The cluster admin's objects: the operator never makes, replaces or deletes them, nor touches namespaces.
                foreach (var verb in new[] { "create", "update", "delete" })
                {
                    Assert.False(await Can(verb, "awsaccounts.vpce.io"), $"{scope}: {verb} awsaccounts");
                    Assert.False(await Can(verb, "namespaces"), $"{scope}: {verb} namespaces");
                }
                Assert.False(await Can("patch", "namespaces"), $"{scope}: patch namespaces");
            }
            finally
            {
                await DeleteClusterObjectsAsync();
                await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
            }
        }
    }

    [ChartContractFact]
    public async Task The_service_account_may_write_configmaps_only_in_export_namespaces_and_never_patch_its_lease()
    {
        foreach (var scope in new[] { "installScope=cluster", "installScope=namespace" })
        {
            var ns = $"vpce-cm-{scope.Split('=')[1]}-{_runId}";
            var exported = $"vpce-cm-export-{scope.Split('=')[1]}-{_runId}";
            foreach (var n in new[] { ns, exported }) ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", n));
            try
            {
                // Under installScope namespace the export namespace must be watched (the chart fails otherwise).
                var values = scope == "installScope=namespace"
                    ? new[] { scope, $"watchNamespaces={{{ns},{exported}}}", $"export.namespaces={{{exported}}}" }
                    : [scope, $"export.namespaces={{{exported}}}"];
                var (_, objects) = await RenderAsync(ns, values);
                ContractWait.Ok(await Kubectl.RunAsync(objects, "apply", "-f", "-"));
                var serviceAccount = $"system:serviceaccount:{ns}:vpce-operator";
                async Task<bool> Can(string verb, string resource, string? inNamespace)
                {
                    var args = new List<string> { "auth", "can-i", verb, resource, "--as", serviceAccount };
                    args.AddRange(inNamespace is null ? ["--all-namespaces"] : ["-n", inNamespace]);
                    var result = await Kubectl.RunAsync(null, args.ToArray());
                    Assert.True(result.Stdout.Trim() is "yes" or "no", $"kubectl auth can-i {string.Join(' ', args)}: {result.Stdout} {result.Stderr}");
                    return result.Stdout.Trim() == "yes";
                }
                foreach (var verb in new[] { "get", "create", "patch", "delete" })
                {
                    Assert.True(await Can(verb, "configmaps", exported), $"{scope}: {verb} configmaps in the export namespace");
                    // The release's own namespace (watched, not exported), kube-system (aws-auth), and cluster-wide: nothing.
                    Assert.False(await Can(verb, "configmaps", ns), $"{scope}: {verb} configmaps in {ns}, not an export namespace");
                    Assert.False(await Can(verb, "configmaps", "kube-system"), $"{scope}: {verb} configmaps in kube-system");
                    Assert.False(await Can(verb, "configmaps", null), $"{scope}: {verb} configmaps in every namespace");
                }
                // Never listed or watched, nor replaced (the adapter patches).
                foreach (var verb in new[] { "list", "watch", "update" })
                    Assert.False(await Can(verb, "configmaps", exported), $"{scope}: {verb} configmaps in the export namespace");
                // The Lease: read and replaced by name (KubeLeaderElection), created; never patched.
                Assert.True(await Can("get", "leases/vpce-operator-leader", ns), $"{scope}: get the Lease");
                Assert.True(await Can("update", "leases/vpce-operator-leader", ns), $"{scope}: update the Lease");
                Assert.True(await Can("create", "leases", ns), $"{scope}: create a Lease");
                Assert.False(await Can("patch", "leases/vpce-operator-leader", ns), $"{scope}: patch the Lease");
                Assert.False(await Can("update", "leases/another", ns), $"{scope}: update another Lease");
            }
            finally
            {
                await DeleteClusterObjectsAsync();
                foreach (var n in new[] { ns, exported }) await Kubectl.RunAsync(null, "delete", "namespace", n, "--wait=false");
            }
        }
    }

    /// <summary>The release's cluster-scoped RBAC (its ClusterRoles and bindings): a namespace's deletion leaves them.</summary>
    private static async Task DeleteClusterObjectsAsync()
    {
        foreach (var kind in new[] { "clusterrolebinding", "clusterrole" })
            await Kubectl.RunAsync(null, "delete", kind, "vpce-operator", "vpce-operator-accounts", "--ignore-not-found");
    }

    /// <summary>The chart rendered for a release in <paramref name="ns"/>: its CRDs, and every other object.</summary>
    /// <summary>Values: NAME=VALUE for --set, @PATH for a values file (-f).</summary>
    private static async Task<(string Crds, string Objects)> RenderAsync(string ns, params string[] values)
    {
        var engine = HelmEngine.Find()!;
        var arguments = HelmEngine.TemplateArguments(engine, "vpce-operator", Chart, ns, values.Where(v => !v.StartsWith('@')).ToArray())
            .Concat(values.Where(v => v.StartsWith('@')).SelectMany(v => new[] { "-f", v[1..] })).ToList();
        var documents = (await Run(engine, arguments)).Split("\n---")
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
            "--region", AwsNetwork.Region, "--namespace", ns, "--export-namespace", ns, "--leader-elect=true", "--lease-namespace", ns,
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
