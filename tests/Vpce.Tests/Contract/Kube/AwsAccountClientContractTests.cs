using System.Text.Json.Nodes;
using k8s;
using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.Kube;

/// <summary>The cluster-scoped kind AwsAccount through <see cref="KubeResourceClient{T}"/> on a real API server with the
/// generated CRD: lists and watches with no namespace, get with "", the cluster-scoped status and finalizer paths, and its
/// events in "default", as client-go writes a cluster-scoped object's.</summary>
[Collection(KubeApiServerCollection.Name)]
public sealed class AwsAccountClientContractTests(KubeFixture fixture) : IClassFixture<KubeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static KubeResourceClient<AwsAccount> Accounts(KubeFixture fixture) => new(fixture.Client);

    private KubeResourceClient<AwsAccount> Client => Accounts(fixture);

    [KubeContractFact]
    public async Task Lists_with_no_namespace_then_watches_a_modification_from_the_list_resource_version()
    {
        var name = await CreateAsync("listed");
        try
        {
            var list = await Client.ListAllAsync(null, CancellationToken.None);
            var listed = Assert.Single(list.Items, a => a.Metadata.Name == name);
            Assert.Null(listed.Metadata.Namespace);
            Assert.Equal("222233334444", listed.Spec.AccountId);
            Assert.Equal(new Dictionary<string, string> { ["team"] = "payments" }, listed.Spec.NamespaceSelector!.MatchLabels);

            using var cts = new CancellationTokenSource(Patience);
            var events = Client.WatchAsync(null, list.ResourceVersion, cts.Token).GetAsyncEnumerator(cts.Token);
            var watching = events.MoveNextAsync();
            ContractWait.Ok(await Kubectl.RunAsync(null, "patch", "awsacct", name, "--type", "merge", "-p", """{"spec":{"regions":["eu-west-1"]}}"""));
            // Other classes may make AwsAccounts on the same server: read on until this one's event.
            while (true)
            {
                Assert.True(await watching);
                if (events.Current is { Kind: WatchEventKind.Modified, Object: { } o } && o.Metadata.Name == name) break;
                watching = events.MoveNextAsync();
            }
            var modified = events.Current.Object!;
            Assert.Null(modified.Metadata.Namespace);
            Assert.Equal(["eu-west-1"], modified.Spec.Regions);
            Assert.Equal(2, modified.Metadata.Generation);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    [KubeContractFact]
    public async Task Get_with_an_empty_namespace_and_a_status_patch_that_keeps_the_generation()
    {
        var name = await CreateAsync("status");
        try
        {
            var read = await Client.GetAsync("", name, CancellationToken.None);
            Assert.NotNull(read);
            Assert.Null(read.Metadata.Namespace);
            Assert.Null(await Client.GetAsync("", name + "-missing", CancellationToken.None));

            read.Status = new AwsAccountStatus
            {
                ObservedGeneration = read.Metadata.Generation,
                AccountId = "222233334444",
                AssumedArn = "arn:aws:sts::222233334444:assumed-role/contract/vpce-operator",
                Objects = 3,
                Conditions = [new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = "RoleAssumed", Message = "ok",
                    LastTransitionTime = DateTimeOffset.UtcNow }],
            };
            var patched = await Client.PatchStatusAsync(read, CancellationToken.None);
            Assert.Equal(read.Metadata.Generation, patched.Metadata.Generation);
            Assert.NotEqual(read.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
            Assert.Equal(3, patched.Status!.Objects);

            var stored = JsonNode.Parse(ContractWait.Ok(await Kubectl.RunAsync(null, "get", "awsacct", name, "-o", "json")))!;
            Assert.Equal("222233334444", (string?)stored["status"]!["accountId"]);
            Assert.Equal(3, (int?)stored["status"]!["objects"]);
            Assert.Equal("True", (string?)stored["status"]!["conditions"]![0]!["status"]);
            // The status subresource: a status patch cannot change the spec.
            Assert.Equal(1, (long?)stored["metadata"]!["generation"]);

            var columns = ContractWait.Ok(await Kubectl.RunAsync(null, "get", "awsacct", name));
            Assert.Matches(name + @"\s+222233334444\s+arn:aws:iam::222233334444:role/vpce-operator/contract\s+True\s+3\s+", columns);
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    [KubeContractFact]
    public async Task Finalizers_are_guarded_by_the_resource_version_and_hold_a_deletion_until_removed()
    {
        var name = await CreateAsync("finalized");
        var created = (await Client.GetAsync("", name, CancellationToken.None))!;
        var withFinalizer = await Client.PatchFinalizersAsync(created, [CrdGroup.Finalizer], CancellationToken.None);
        Assert.Equal([CrdGroup.Finalizer], withFinalizer.Metadata.Finalizers);

        // created carries the old resourceVersion now.
        await Assert.ThrowsAsync<ConflictException>(() => Client.PatchFinalizersAsync(created, [], CancellationToken.None));

        ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "awsacct", name, "--wait=false"));
        var deleting = await Client.GetAsync("", name, CancellationToken.None);
        Assert.NotNull(deleting!.Metadata.DeletionTimestamp);
        Assert.Equal([CrdGroup.Finalizer], deleting.Metadata.Finalizers);

        var removed = await Client.PatchFinalizersAsync(deleting, [], CancellationToken.None);
        Assert.True(removed.Metadata.Finalizers is null or { Count: 0 });
        Assert.Null(await Client.GetAsync("", name, CancellationToken.None));
    }

    [KubeContractFact]
    public async Task An_event_of_an_account_is_written_in_default_where_kubectl_describe_finds_it()
    {
        var name = await CreateAsync("evented");
        try
        {
            var account = (await Client.GetAsync("", name, CancellationToken.None))!;
            var recorder = new KubeEventRecorder(fixture.Client);
            await recorder.RecordAsync(account, EventTypes.Warning, "StillNamed", "named by VpcEndpoint a/b", CancellationToken.None);
            await recorder.RecordAsync(account, EventTypes.Warning, "StillNamed", "named by VpcEndpoint a/b", CancellationToken.None);

            var events = (await fixture.Client.CoreV1.ListNamespacedEventAsync(KubeEventRecorder.ClusterEventsNamespace)).Items
                .Where(e => e.InvolvedObject.Name == name).ToList();
            var written = Assert.Single(events);
            Assert.Equal(2, written.Count);
            Assert.Equal(AwsAccount.KindName, written.InvolvedObject.Kind);
            Assert.Equal(CrdGroup.ApiVersion, written.InvolvedObject.ApiVersion);
            Assert.Equal(account.Metadata.Uid, written.InvolvedObject.Uid);
            // The API server (core/v1 Event validation) takes an involvedObject without a namespace only in "default" (and
            // kube-system for events with eventTime); `kubectl describe awsacct` looks for exactly such events.
            Assert.True(string.IsNullOrEmpty(written.InvolvedObject.NamespaceProperty));
        }
        finally
        {
            await DeleteAsync(name);
        }
    }

    private async Task<string> CreateAsync(string prefix)
    {
        await RealCrds.ApplyAsync();
        var name = $"contract-{prefix}-{_run}";
        ContractWait.Ok(await Kubectl.RunAsync($$"""
            apiVersion: vpce.io/v1alpha1
            kind: AwsAccount
            metadata: {name: {{name}}}
            spec:
              accountId: "222233334444"
              roleArn: arn:aws:iam::222233334444:role/vpce-operator/contract
              namespaceSelector:
                matchLabels: {team: payments}
            """, "create", "--validate=false", "-f", "-"));
        return name;
    }

    private static async Task DeleteAsync(string name) =>
        await Kubectl.RunAsync(null, "delete", "awsacct", name, "--ignore-not-found", "--wait=false");
}
