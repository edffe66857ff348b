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
            // Production's reconcile, without the tests' check of the cache after each one.
            CheckCachedObjects = false,
            WrapAws = (aws, metrics, time) => new ResilientAwsApis(aws, new AwsResilienceOptions(), metrics, time),
        });
        _start = op.Time.GetUtcNow();
        var world = op.Aws.World;
        var account = DemoAccount.Build(world);
        // As under IRSA: the operator runs as a role session; aws:PrincipalArn is the role.
        world.SetCallerIdentity("arn:aws:sts::123456789012:assumed-role/vpce-operator/vpce-operator-6c9f4", "123456789012");
        op.Aws.Tamper.SetBucketPolicy(account.BucketName, ForeignPolicy(account.BucketName));

        Say("vpce-operator demo: a simulated AWS account and an in-memory Kubernetes API, in virtual time");
        Say("");
        Say($"AWS account (simulated), region {account.Region}:");
        Say($"  VPC {account.VpcId} (Name=demo-vpc, 10.0.0.0/16, DNS support and hostnames on)");
        foreach (var (subnet, table) in account.PrivateSubnetIds.Zip(account.PrivateRouteTableIds))
        {
            var routes = world.RouteTable(table).Routes;
            Say($"  private subnet {subnet} → route table {table} (tier=private): {RouteWords(routes)}; no internet route");
        }
        Say($"  security group {account.EndpointSecurityGroupId} (Name=vpc-endpoints): TCP 443 from 10.0.0.0/16");
        Say($"  app subnet {account.AppSubnetId} (tier=app): no route table association, so the main route table {account.MainRouteTableId}: " +
            $"{RouteWords(world.RouteTable(account.MainRouteTableId).Routes)}");
        Say($"  security group {account.AppSecurityGroupId} (app) on the app's network interface {account.AppNetworkInterfaceId}; " +
            $"security group {account.AppEndpointSecurityGroupId} (app-endpoints): TCP 443 from {account.AppSecurityGroupId} only");
        Say($"  network ACL {account.DenyHttpsNetworkAclId} (deny-https) on the app subnet: inbound rule 90 denies TCP 443, rule 100 allows all");
        Say($"  buckets: {account.BucketName} ({account.Region}), {account.OtherRegionBucketName} (us-east-1)");
        Say($"  {account.BucketName}'s policy already has the data team's statement ReadForAuditors (Allow s3:GetObject to role/auditor)");
        Say($"  the operator runs as role/vpce-operator (STS: assumed-role/vpce-operator/…)");
        Say("");

        op.Start();
        var scenes = new AdvisoryScenes(op, Say);
        VpcEndpoint? heldBack = null;
        foreach (var (file, yaml) in EmbeddedExamples.All())
        {
            foreach (var resource in Demo.ManifestReader.Read(yaml))
            {
                if (resource is VpcEndpoint { Metadata.Name: AdvisoryScenes.HeldBack } forgotten)
                {
                    heldBack = forgotten;
                    continue;
                }
                Apply(op, resource);
                Say($"$ kubectl apply -f examples/{file}   → {resource.Kind.ToLowerInvariant()}.vpce.io/{resource.Metadata.Name} created");
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
        Say($"The bucket policy of {account.BucketName}: the foreign statement as it was, ours beside it:");
        Say(IndentedJson(world.BucketPolicy(account.BucketName)));
        Say("");
        Say("$ kubectl get ebp -n platform");
        Say(EbpTable.Render(op.Kube.EndpointBucketPolicies.List(), op.Time.GetUtcNow()));
        Say("");
        var companionsSaid = scenes.MissingCompanions();
        Say("");
        var exported = scenes.ExportedHints();
        Say("");

        Say("Two mistakes the labs make, applied on purpose:");
        var mistakes = new[]
        {
            Mistake("reports-us", account.OtherRegionBucketName, ["arn:aws:iam::123456789012:role/vpce-operator"]),
            Mistake("uploads-private", account.BucketName, ["arn:aws:iam::123456789012:role/break-glass"]),
        };
        Say($"$ kubectl apply -f -   # reports-us: bucket {account.OtherRegionBucketName}, the eu-west-1 endpoint");
        Say($"$ kubectl apply -f -   # uploads-private: bucket {account.BucketName}, only break-glass exempt");
        var policyBefore = world.BucketPolicy(account.BucketName);
        foreach (var mistake in mistakes)
        {
            op.Kube.EndpointBucketPolicies.Apply(mistake);
        }
        var refused = await ConvergeAsync(op, () => mistakes.All(m =>
            ConditionList.Find(op.Kube.EndpointBucketPolicies.Get("platform", m.Metadata.Name)?.Status?.Conditions, ConditionTypes.Synced)?.Status == ConditionStatus.False));
        foreach (var mistake in mistakes)
        {
            var ready = ConditionList.Find(op.Kube.EndpointBucketPolicies.Get("platform", mistake.Metadata.Name)?.Status?.Conditions, ConditionTypes.Ready);
            Say($"  {mistake.Metadata.Name} Ready={ready?.Status} {ready?.Reason}: {ready?.Message}");
        }
        var untouched = world.BucketPolicy(account.BucketName) == policyBefore && world.BucketPolicy(account.OtherRegionBucketName) is null;
        Say($"  both buckets' policies are {(untouched ? "untouched" : "CHANGED")}");
        Say("");
        Say("$ kubectl get ebp -n platform");
        Say(EbpTable.Render(op.Kube.EndpointBucketPolicies.List(), op.Time.GetUtcNow()));
        Say("");

        if (!await ShowNetworkPathAsync(op, account))
        {
            return 1;
        }
        Say("A third: a policy that names a bucket the endpoint can never reach:");
        var linted = await scenes.PolicyNamingTheOtherRegionAsync(account, done => ConvergeAsync(op, done));
        Say("");

        var prefixList = s3.Status.PrefixListId;
        Say($"Route tables of {s3Id} (S3 through prefix list {prefixList}):");
        foreach (var table in account.PrivateRouteTableIds)
        {
            Say($"  {table}: {RouteWords(world.RouteTable(table).Routes)}");
        }
        Say("");

        if (heldBack is not null)
        {
            Say($"$ kubectl apply -f examples/session-manager.yaml   → vpcendpoint.vpce.io/{heldBack.Metadata.Name} created (the one forgotten)");
            op.Kube.VpcEndpoints.Apply(heldBack);
            Say("");
        }
        var victim = account.PrivateRouteTableIds[0];
        op.Aws.Tamper.RemoveRouteTable(s3Id, victim);
        Say($"Behind the operator's back (as the labs do with the NAT route), someone runs:");
        Say($"$ aws ec2 modify-vpc-endpoint --vpc-endpoint-id {s3Id} --remove-route-table-ids {victim}");
        Say($"  {victim}: {RouteWords(world.RouteTable(victim).Routes)}   ← S3 traffic from that subnet has no path now");
        Say("");
        Say("The next resync (every 2m, each object at its own moment in the interval) finds the drift and puts it back:");
        var restored = await ConvergeAsync(op, () =>
            world.FindEndpoint(s3Id)?.RouteTableIds.Contains(victim) == true && AllReady(op.Kube)
            && ConditionList.Find(op.Kube.VpcEndpoints.Get("platform", "s3-private")?.Status?.Conditions, ConditionTypes.Drifted)?.Reason == "DriftCorrected"
            && scenes.CompanionsComplete());
        Say("");
        Say($"  {victim}: {RouteWords(world.RouteTable(victim).Routes)}");
        var drifted = ConditionList.Find(op.Kube.VpcEndpoints.Get("platform", "s3-private")?.Status?.Conditions, ConditionTypes.Drifted);
        Say($"  s3-private Drifted={drifted?.Status} {drifted?.Reason}: {drifted?.Message}");
        scenes.ShowCompanions();
        Say("");
        Say("$ kubectl get vpce -n platform");
        Say(VpceTable.Render(op.Kube.VpcEndpoints.List().Where(e => e.Metadata.Namespace == "platform"), op.Time.GetUtcNow()));
        Say("");
        var accounts = new AccountScenes(op, Say);
        var acrossAccounts = await accounts.RunAsync(done => ConvergeAsync(op, done));
        Say($"AWS calls made: {CallList(op.Aws.Calls)}");
        Say($"  in account {AccountScenes.WorkloadId}: {CallList(accounts.Workload!.Calls)}");
        Say($"  in account {AccountScenes.DataId}: {CallList(accounts.Data!.Calls)}");
        Say($"Virtual time passed: {KubectlTable.Age(op.Time.GetUtcNow() - _start)}.");

        if (options.KeepRunning)
        {
            await KeepRunningAsync(op, options, ct);
        }
        return restored && refused && untouched && companionsSaid && exported && linted && acrossAccounts ? 0 : 1;
    }

    /// <summary>The labs' network mistakes, as the checks report them: a subnet left on the main route table, then named and
    /// covered; HTTPS admitted from an app group; a network ACL dropping 443.</summary>
    private async Task<bool> ShowNetworkPathAsync(InMemoryOperator op, DemoAccount account)
    {
        Condition? Check(string name, string type) => ConditionList.Find(op.Kube.VpcEndpoints.Get("platform", name)?.Status?.Conditions, type);
        void Show(string name, string type) => Say($"  {name} {type}={Check(name, type)?.Status} {Check(name, type)?.Reason}: {Check(name, type)?.Message}");

        Say("The network path, as `kubectl describe vpce` tells it (advisory: these never hold up a write, Ready stays True):");
        Show("s3-private", ConditionTypes.RoutesCovered);
        Say("");
        Say("The labs' fix: name the workload subnet, and the route table it actually uses (the main one) gets the endpoint:");
        Say("$ kubectl patch vpce s3-private -n platform --type merge -p '{\"spec\":{\"subnetSelector\":{\"tags\":{\"tier\":\"app\"}}}}'");
        var s3 = op.Kube.VpcEndpoints.Get("platform", "s3-private")!;
        s3.Spec.SubnetSelector = new TagSelector { Tags = { ["tier"] = "app" } };
        op.Kube.VpcEndpoints.Apply(new VpcEndpoint { Metadata = new ObjectMetadata { Name = s3.Metadata.Name, Namespace = s3.Metadata.Namespace }, Spec = s3.Spec });
        var covered = await ConvergeAsync(op, () => Check("s3-private", ConditionTypes.RoutesCovered)?.Status == ConditionStatus.True && AllReady(op.Kube));
        Show("s3-private", ConditionTypes.RoutesCovered);
        Say($"  {account.MainRouteTableId} (main): {RouteWords(op.Aws.World.RouteTable(account.MainRouteTableId).Routes)}");
        Say("");

        Say("An STS interface endpoint in the app subnet, behind the group that admits 443 only from the app's group:");
        Say($"$ kubectl apply -f -   # sts: subnetSelector tier=app, securityGroupIds [{account.AppEndpointSecurityGroupId}]");
        op.Kube.VpcEndpoints.Apply(new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = "sts", Namespace = "platform" },
            Spec = new VpcEndpointSpec
            {
                VpcSelector = new TagSelector { Tags = { ["Name"] = "demo-vpc" } }, ServiceName = "sts",
                SubnetSelector = new TagSelector { Tags = { ["tier"] = "app" } }, SecurityGroupIds = [account.AppEndpointSecurityGroupId],
            },
        });
        var checkedSts = await ConvergeAsync(op, () => Check("sts", ConditionTypes.NetworkAclAllows) is not null && AllReady(op.Kube));
        Show("sts", ConditionTypes.HttpsAllowed);
        Show("sts", ConditionTypes.NetworkAclAllows);
        Say("");
        return covered && checkedSts;
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
            Say($"  t={KubectlTable.Age(e.LastTimestamp - _start),-6} {e.Type,-7} {e.Reason,-16} {e.Kind.ToLowerInvariant()}/{e.Name}: {e.Message}");
        }
        _eventsShown = events.Count;
    }

    private static bool AllReady(InMemoryKube kube) =>
        kube.VpcEndpoints.List().Where(e => e.Metadata.Namespace == "platform").All(e => ConditionList.IsTrue(e.Status?.Conditions, ConditionTypes.Ready))
        && kube.EndpointBucketPolicies.List().Where(p => p.Metadata.Namespace == "platform" && p.Metadata.Name is not ("reports-us" or "uploads-private"))
            .All(p => ConditionList.IsTrue(p.Status?.Conditions, ConditionTypes.Ready));

    private static void Apply(InMemoryOperator op, ICustomResource resource)
    {
        switch (resource)
        {
            case VpcEndpoint endpoint:
                op.Kube.VpcEndpoints.Apply(endpoint);
                break;
            case EndpointBucketPolicy policy:
                op.Kube.EndpointBucketPolicies.Apply(policy);
                break;
        }
    }

    private static EndpointBucketPolicy Mistake(string name, string bucket, List<string> exempt) => new()
    {
        Metadata = new ObjectMetadata { Name = name, Namespace = "platform" },
        Spec = new EndpointBucketPolicySpec { Bucket = bucket, VpcEndpointRef = new LocalObjectReference { Name = "s3-private" }, ExemptPrincipalArns = exempt },
    };

    private static string ForeignPolicy(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"ReadForAuditors","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";

    internal static string IndentedJson(string? json) =>
        json is null
            ? "  (none)"
            : "  " + System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
                .Replace(Environment.NewLine, Environment.NewLine + "  ");

    private static string Conditions(VpcEndpoint e) =>
        string.Join("; ", e.Status?.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}") ?? []);

    private static string RouteWords(IEnumerable<AwsRoute> routes) =>
        string.Join(", ", routes.Select(r =>
            $"{r.DestinationCidrBlock ?? r.DestinationPrefixListId} → {r.TargetId}"));

    private static string CallList(AwsCallCounter calls) =>
        string.Join(", ", calls.Snapshot().Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));

    private void Say(string line) => output.WriteLine(line);
}
