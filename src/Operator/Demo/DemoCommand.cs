using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Operator.Demo;

/// <summary>The embedded showcase: the labs' private-subnet network in a simulated AWS account, the example manifests
/// applied to an in-memory Kubernetes API, the operator converging, then a route table taken away behind its back and
/// put back at the next resync. Virtual time, so minutes of AWS time take moments.</summary>
public sealed class DemoCommand(TextWriter output)
{
    private static readonly TimeSpan ConvergeLimit = TimeSpan.FromMinutes(10);
    private int _eventsShown;
    private DateTimeOffset _start;

    public async Task<int> RunAsync(DemoOptions options, CancellationToken ct)
    {
        await using var op = new InMemoryOperator(new InMemoryOperatorOptions
        {
            WrapAws = (aws, metrics, time) => new ResilientAwsApis(aws, new AwsResilienceOptions(), metrics, time),
        });
        _start = op.Time.GetUtcNow();
        var world = op.Aws.World;
        var account = DemoAccount.Build(world);

        Say("vpce-operator demo: a simulated AWS account and an in-memory Kubernetes API, in virtual time");
        Say("");
        Say($"AWS account (simulated), region {account.Region}:");
        Say($"  VPC {account.VpcId} (Name=demo-vpc, 10.0.0.0/16, DNS support and hostnames on)");
        foreach (var (subnet, table) in account.PrivateSubnetIds.Zip(account.PrivateRouteTableIds))
        {
            var routes = world.RouteTable(table).Routes;
            Say($"  private subnet {subnet} → route table {table} (tier=private): {RouteWords(routes)}; no internet route");
        }
        Say($"  security group {account.EndpointSecurityGroupId} (vpc-endpoints): TCP 443 from 10.0.0.0/16");
        Say($"  buckets: {account.BucketName} ({account.Region}), {account.OtherRegionBucketName} (us-east-1)");
        Say("");

        op.Start();
        foreach (var (file, yaml) in EmbeddedExamples.All())
        {
            foreach (var resource in Demo.ManifestReader.Read(yaml).OfType<VpcEndpoint>())
            {
                op.Kube.VpcEndpoints.Apply(resource);
                Say($"$ kubectl apply -f examples/{file}   → vpcendpoint.vpce.io/{resource.Metadata.Name} created");
            }
        }
        Say("");
        Say("The operator converges (events as they happen; t is virtual time):");
        var converged = await ConvergeAsync(op, () => AllReady(op.Kube));
        Say("");
        Say("$ kubectl get vpce -n platform");
        Say(VpceTable.Render(op.Kube.VpcEndpoints.List(), op.Time.GetUtcNow()));
        Say("");

        var s3 = op.Kube.VpcEndpoints.Get("platform", "s3-private");
        if (!converged || s3?.Status?.EndpointId is not { } s3Id)
        {
            Say("The endpoints did not all become Ready:");
            foreach (var e in op.Kube.VpcEndpoints.List())
            {
                Say($"  {e.Metadata.Name}: {Conditions(e)}");
            }
            return 1;
        }
        var prefixList = s3.Status.PrefixListId;
        Say($"Route tables of {s3Id} (S3 through prefix list {prefixList}):");
        foreach (var table in account.PrivateRouteTableIds)
        {
            Say($"  {table}: {RouteWords(world.RouteTable(table).Routes)}");
        }
        Say("");

        var victim = account.PrivateRouteTableIds[0];
        op.Aws.Tamper.RemoveRouteTable(s3Id, victim);
        Say($"Behind the operator's back (as the labs do with the NAT route), someone runs:");
        Say($"$ aws ec2 modify-vpc-endpoint --vpc-endpoint-id {s3Id} --remove-route-table-ids {victim}");
        Say($"  {victim}: {RouteWords(world.RouteTable(victim).Routes)}   ← S3 traffic from that subnet has no path now");
        Say("");
        Say("The next resync (every 2m, each object at its own moment in the interval) finds the drift and puts it back:");
        var restored = await ConvergeAsync(op, () =>
            world.FindEndpoint(s3Id)?.RouteTableIds.Contains(victim) == true && AllReady(op.Kube)
            && ConditionList.Find(op.Kube.VpcEndpoints.Get("platform", "s3-private")?.Status?.Conditions, ConditionTypes.Drifted)?.Reason == "DriftCorrected");
        Say("");
        Say($"  {victim}: {RouteWords(world.RouteTable(victim).Routes)}");
        var drifted = ConditionList.Find(op.Kube.VpcEndpoints.Get("platform", "s3-private")?.Status?.Conditions, ConditionTypes.Drifted);
        Say($"  s3-private Drifted={drifted?.Status} {drifted?.Reason}: {drifted?.Message}");
        Say("");
        Say("$ kubectl get vpce -n platform");
        Say(VpceTable.Render(op.Kube.VpcEndpoints.List(), op.Time.GetUtcNow()));
        Say("");
        Say($"AWS calls made: {string.Join(", ", op.Aws.Calls.Snapshot().Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
        Say($"Virtual time passed: {VpceTable.Age(op.Time.GetUtcNow() - _start)}.");

        if (options.KeepRunning)
        {
            await KeepRunningAsync(op, options, ct);
        }
        return restored ? 0 : 1;
    }

    private async Task<bool> ConvergeAsync(InMemoryOperator op, Func<bool> done)
    {
        var ok = await op.ConvergeAsync(() =>
        {
            ShowNewEvents(op);
            return done();
        }, ConvergeLimit);
        ShowNewEvents(op);
        return ok;
    }

    private async Task KeepRunningAsync(InMemoryOperator op, DemoOptions options, CancellationToken ct)
    {
        await using var metrics = options.MetricsPort > 0 ? await MetricsServer.StartAsync(op.Metrics, options.MetricsPort, 0, () => true, ct) : null;
        Say("");
        Say($"Still running (virtual time now follows real time){(options.MetricsPort > 0 ? $"; metrics on http://localhost:{options.MetricsPort}/metrics" : "")}. Ctrl-C to stop.");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                await op.AdvanceAsync(TimeSpan.FromSeconds(1));
                ShowNewEvents(op);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ShowNewEvents(InMemoryOperator op)
    {
        var events = op.Kube.Events.Events;
        foreach (var e in events.Skip(_eventsShown))
        {
            Say($"  t={VpceTable.Age(e.LastTimestamp - _start),-6} {e.Type,-7} {e.Reason,-16} vpcendpoint/{e.Name}: {e.Message}");
        }
        _eventsShown = events.Count;
    }

    private static bool AllReady(InMemoryKube kube) =>
        kube.VpcEndpoints.List().All(e => ConditionList.IsTrue(e.Status?.Conditions, ConditionTypes.Ready));

    private static string Conditions(VpcEndpoint e) =>
        string.Join("; ", e.Status?.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}") ?? []);

    private static string RouteWords(IEnumerable<AwsRoute> routes) =>
        string.Join(", ", routes.Select(r =>
            $"{r.DestinationCidrBlock ?? r.DestinationPrefixListId} → {r.GatewayId ?? r.NatGatewayId}"));

    private void Say(string line) => output.WriteLine(line);
}
