using k8s;
using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit.Kube;

/// <summary>The adapter's paged list against a stand-in API server: limit and continue, each item decoded on its own,
/// and 410 Gone on a continue token answered as client-go's pager does.</summary>
public sealed class KubeResourceClientListTests
{
    private static string Item(string name) => $$$"""
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint",
         "metadata":{"name":"{{{name}}}","namespace":"ns","uid":"u-{{{name}}}","resourceVersion":"7",
                     "managedFields":[{"manager":"kubectl","operation":"Update"}]},
         "spec":{"serviceName":"s3","vpcId":"vpc-0abc"}}
        """;

    private static string OldSchemaItem(string name) => $$$"""
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"{{{name}}}","namespace":"ns","uid":"u-{{{name}}}"},
         "spec":{"serviceName":"s3","tags":[{"key":"team","value":"platform"}]}}
        """;

    private static (KubeResourceClient<VpcEndpoint> Client, PagedListServer Server) Start(params string[] items)
    {
        var server = new PagedListServer(items, "42");
        var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://api.test" }, server);
        return (new KubeResourceClient<VpcEndpoint>(kubernetes, pageSize: 2), server);
    }

    private static async Task<List<ResourceListPage<VpcEndpoint>>> PagesAsync(IResourceClient<VpcEndpoint> client)
    {
        var pages = new List<ResourceListPage<VpcEndpoint>>();
        await foreach (var page in client.ListAsync(null, CancellationToken.None)) pages.Add(page);
        return pages;
    }

    [Fact]
    public async Task Lists_page_by_page_with_limit_and_continue_and_reports_an_undecodable_item_in_its_page()
    {
        var (client, server) = Start(Item("a"), OldSchemaItem("b"), Item("c"), Item("d"), Item("e"));

        var pages = await PagesAsync(client);

        Assert.Equal(["limit=2", "limit=2&continue=offset-2", "limit=2&continue=offset-4"], server.Queries);
        Assert.Equal([["a"], ["c", "d"], ["e"]], pages.Select(p => p.Items.Select(o => o.Metadata.Name).ToArray()));
        var undecodable = Assert.Single(pages[0].Undecodable);
        Assert.Equal(("b", "u-b", "$.spec.tags", "Dictionary<String, String>"),
            (undecodable.Name, undecodable.Uid, undecodable.Path, undecodable.ExpectedType));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.All(pages, p => Assert.Equal("42", p.ResourceVersion));
        Assert.All(pages, p => Assert.False(p.StartsOver));
        Assert.Equal("vpc-0abc", pages[2].Items[0].Spec.VpcId);
    }

    [Fact]
    public async Task The_next_page_is_asked_for_while_the_consumer_still_holds_the_current_one()
    {
        var (client, server) = Start(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));
        await using var pages = client.ListAsync(null, CancellationToken.None).GetAsyncEnumerator();

        Assert.True(await pages.MoveNextAsync());
        // Page one is in hand and the consumer has not asked for more: the second page's request is already out.
        Assert.True(SpinWait.SpinUntil(() => server.Queries.Count == 2, TimeSpan.FromSeconds(5)), string.Join(" | ", server.Queries));
        Assert.Equal(["limit=2", "limit=2&continue=offset-2"], server.Queries);
        Assert.Equal(["a", "b"], pages.Current.Items.Select(o => o.Metadata.Name));

        Assert.True(await pages.MoveNextAsync());
        Assert.Equal(["c", "d"], pages.Current.Items.Select(o => o.Metadata.Name));
        Assert.True(await pages.MoveNextAsync());
        Assert.True(pages.Current.IsLast);
        Assert.False(await pages.MoveNextAsync());
        Assert.Equal(3, server.Queries.Count);
    }

    [Fact]
    public async Task A_consumer_that_stops_after_one_page_leaves_nothing_running()
    {
        var (client, server) = Start(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));
        await foreach (var page in client.ListAsync(null, CancellationToken.None))
        {
            Assert.Equal(["a", "b"], page.Items.Select(o => o.Metadata.Name));
            break;
        }
        // The prefetched second page was asked for and then let go; no third request follows.
        Assert.Equal(["limit=2", "limit=2&continue=offset-2"], server.Queries);
    }

    [Fact]
    public async Task A_continue_token_that_expired_makes_the_list_begin_again_in_one_request()
    {
        var (client, server) = Start(Item("a"), Item("b"), Item("c"), Item("d"), Item("e"));
        server.Expire(2);

        var pages = await PagesAsync(client);

        // As client-go's pager with FullListIfExpired: the whole list without limit, rather than pages that may expire again.
        Assert.Equal(["limit=2", "limit=2&continue=offset-2", ""], server.Queries);
        Assert.Equal(2, pages.Count);
        Assert.Equal(["a", "b"], pages[0].Items.Select(o => o.Metadata.Name));
        Assert.True(pages[1].StartsOver);
        Assert.True(pages[1].IsLast);
        Assert.Equal(["a", "b", "c", "d", "e"], pages[1].Items.Select(o => o.Metadata.Name));
        var whole = await client.ListAllAsync(null, CancellationToken.None);
        Assert.Equal(5, whole.Items.Count);
    }

    [Fact]
    public async Task A_list_of_one_namespace_asks_for_that_namespace_in_pages_too()
    {
        var (client, server) = Start(Item("a"), Item("b"), Item("c"));

        var list = await client.ListAllAsync("ns", CancellationToken.None);

        Assert.Equal(["a", "b", "c"], list.Items.Select(o => o.Metadata.Name));
        Assert.Equal(["limit=2", "limit=2&continue=offset-2"], server.Queries);
    }
}
