using System.Diagnostics;
using System.Text;
using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Aws;

// The operator on the simulator for an hour of virtual time: N gateway + N interface endpoints created, then steady-state
// resyncs. Reports wall time, allocations, AWS calls by operation and per resync, and reconciles. Writes bench/results.md.
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10, 50];
var report = new StringBuilder();
report.AppendLine("# Benchmark: the operator on the simulator, one hour of virtual time");
report.AppendLine();
report.AppendLine($"Run `dotnet run -c Release --project bench/Vpce.Bench -- {string.Join(' ', sizes)}`; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
report.AppendLine("Each size makes N gateway (s3, one route table each) and N interface (ssm) endpoints in N VPCs, waits until all are Ready,");
report.AppendLine("then runs 60 minutes of virtual time with the default 2m resync and the resilience pipeline in front of the simulator.");
report.AppendLine();
report.AppendLine("| endpoints | wall s | allocated MB | converged after (virtual) | AWS calls to converge | AWS calls per resync per endpoint | reconciles in the hour | describe calls by operation in the hour |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
foreach (var n in sizes)
{
    report.AppendLine(await RunAsync(n));
}
var path = Path.Combine(FindRoot(), "bench", "results.md");
File.WriteAllText(path, report.ToString());
Console.Write(report);
Console.WriteLine($"written to {path}");

static async Task<string> RunAsync(int n)
{
    var wall = Stopwatch.StartNew();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    await using var op = new InMemoryOperator(new InMemoryOperatorOptions
    {
        WrapAws = (aws, metrics, time) => new ResilientAwsApis(aws, new AwsResilienceOptions { MutationBurst = 1000, MutationsPerSecond = 1000 }, metrics, time),
        Controller = new ControllerOptions { MaxConcurrentReconciles = 4, ResyncInterval = TimeSpan.FromMinutes(2) },
    });
    var world = op.Aws.World;
    for (var i = 0; i < n; i++)
    {
        var name = $"vpc-{i}";
        var vpc = world.CreateVpc("eu-west-1", "10.0.0.0/16", new Dictionary<string, string> { ["Name"] = name }, enableDnsHostnames: true);
        world.CreateSubnet(vpc, "eu-west-1a", "10.0.1.0/24", new Dictionary<string, string> { ["tier"] = "private" });
        world.CreateRouteTable(vpc, new Dictionary<string, string> { ["tier"] = "private" });
        op.Kube.VpcEndpoints.Apply(Endpoint($"s3-{i}", name, "s3", gateway: true));
        op.Kube.VpcEndpoints.Apply(Endpoint($"ssm-{i}", name, "ssm", gateway: false));
    }
    op.Start();
    var start = op.Time.GetUtcNow();
    var ready = await op.ConvergeAsync(() => op.Kube.VpcEndpoints.List().All(e =>
        e.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true), TimeSpan.FromMinutes(30));
    if (!ready)
    {
        throw new InvalidOperationException($"{n}: not all endpoints became Ready");
    }
    var converged = op.Time.GetUtcNow() - start;
    var callsToConverge = op.Aws.Calls.Total;
    op.Aws.Calls.Reset();
    using var reconciles = new ReconcileCounter(op.Metrics);
    await op.AdvanceAsync(TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(5));
    var calls = op.Aws.Calls.Snapshot();
    var perResync = calls.Values.Sum() / 30.0 / (2 * n);
    var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
    var byOperation = string.Join(", ", calls.Where(c => c.Value > 0).Select(c => $"{c.Key.Replace("ec2:", "")} {c.Value}"));
    return $"| {2 * n} | {wall.Elapsed.TotalSeconds:0.0} | {allocatedMb:0} | {converged.TotalSeconds:0}s | {callsToConverge} | {perResync:0.0} | {reconciles.Count} | {byOperation} |";
}

static VpcEndpoint Endpoint(string name, string vpcName, string service, bool gateway) => new()
{
    Metadata = new ObjectMetadata { Name = name, Namespace = "bench" },
    Spec = new VpcEndpointSpec
    {
        VpcSelector = new TagSelector { Tags = { ["Name"] = vpcName } },
        ServiceName = service,
        RouteTableSelector = gateway ? new TagSelector { Tags = { ["tier"] = "private" } } : null,
        SubnetSelector = gateway ? null : new TagSelector { Tags = { ["tier"] = "private" } },
    },
};

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Vpce.slnx"))) return dir.FullName;
    }
    throw new InvalidOperationException("Vpce.slnx not found");
}
