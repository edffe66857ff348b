using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.Kube;

/// <summary>Namespaces, read only, through <see cref="KubeNamespaceClient"/> on a real API server: pages, labels, a watch
/// that sees a relabel, get; the writes refuse.</summary>
public sealed class KubeNamespaceClientContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _name = "vpce-nsclient-" + Guid.NewGuid().ToString("N")[..8];

    private static k8s.Kubernetes Connect() => new(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(
        Environment.GetEnvironmentVariable(KubeContractFactAttribute.Variable)));

    [KubeContractFact]
    public async Task Lists_in_pages_with_labels_then_watches_a_relabel_and_gets()
    {
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", _name));
        try
        {
            ContractWait.Ok(await Kubectl.RunAsync(null, "label", "namespace", _name, "team=payments"));
            using var kube = Connect();
            var client = new KubeNamespaceClient(kube, pageSize: 2);

            var pages = new List<ResourceListPage<KubeNamespace>>();
            await foreach (var page in client.ListAsync(null, CancellationToken.None)) pages.Add(page);
            // default, kube-system, kube-public, kube-node-lease and this one at least: three pages of two or more.
            Assert.True(pages.Count >= 3, $"{pages.Count} pages");
            Assert.All(pages, p => Assert.InRange(p.Items.Count, 0, 2));
            Assert.Equal(pages.Count - 1, pages.FindIndex(p => p.IsLast));
            Assert.Single(pages.Select(p => p.ResourceVersion).Distinct());
            var all = pages.SelectMany(p => p.Items).ToList();
            Assert.Contains(all, n => n.Metadata.Name == "default");
            var listed = Assert.Single(all, n => n.Metadata.Name == _name);
            Assert.Equal("payments", listed.Metadata.Labels!["team"]);
            Assert.Null(listed.Metadata.Namespace);
            Assert.NotNull(listed.Metadata.Uid);
            Assert.NotNull(listed.Metadata.CreationTimestamp);

            using var cts = new CancellationTokenSource(Patience);
            var events = client.WatchAsync(null, pages[^1].ResourceVersion, cts.Token).GetAsyncEnumerator(cts.Token);
            var watching = events.MoveNextAsync();
            ContractWait.Ok(await Kubectl.RunAsync(null, "label", "namespace", _name, "team=billing", "--overwrite"));
            // Other tests make and delete namespaces on the same server: read on until this one's relabel.
            while (true)
            {
                Assert.True(await watching);
                if (events.Current is { Kind: WatchEventKind.Modified, Object: { } o } && o.Metadata.Name == _name
                    && o.Metadata.Labels?.GetValueOrDefault("team") == "billing") break;
                watching = events.MoveNextAsync();
            }
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());

            var read = await client.GetAsync("", _name, CancellationToken.None);
            Assert.Equal("billing", read!.Metadata.Labels!["team"]);
            Assert.Equal(listed.Metadata.Uid, read.Metadata.Uid);
            Assert.Null(await client.GetAsync("", _name + "-missing", CancellationToken.None));
        }
        finally
        {
            await Kubectl.RunAsync(null, "delete", "namespace", _name, "--wait=false");
        }
    }

    [KubeContractFact]
    public async Task The_writes_refuse()
    {
        using var kube = Connect();
        var client = new KubeNamespaceClient(kube);
        var ns = (await client.GetAsync("", "default", CancellationToken.None))!;
        await Assert.ThrowsAsync<NotSupportedException>(() => client.PatchStatusAsync(ns, CancellationToken.None));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.PatchFinalizersAsync(ns, [], CancellationToken.None));
    }
}
