using System.Net;
using k8s;
using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit.Kube;

/// <summary>The adapter honours the API server's throttling (429 Too Many Requests with Retry-After, as API Priority and
/// Fairness answers) for every call, in one place: the call waits what the server asks (1 s when it does not say, never
/// more than 60 s), on the operator's clock, and is sent again; the caller only sees the answer that follows. Virtual time:
/// the clock moves when the handler has started waiting.</summary>
public sealed class RetryAfterHandlerTests
{
    private const string Item = """
        {"apiVersion":"vpce.io/v1alpha1","kind":"VpcEndpoint","metadata":{"name":"s3","namespace":"ns","uid":"u-1","resourceVersion":"7"},
         "spec":{"serviceName":"s3","vpcId":"vpc-0abc"},"status":{"endpointId":"vpce-0123"}}
        """;

    private readonly TimerSpy _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task A_throttled_list_waits_a_second_when_no_Retry_After_is_given_and_then_lists()
    {
        var throttle = new ThrottlingHandler(_time);
        throttle.Throttle(HttpMethod.Get, 1, retryAfter: null);
        var client = new KubeResourceClient<VpcEndpoint>(Client(throttle, new PagedListServer([Item], "42")));
        var started = _time.GetUtcNow();

        var listing = ListAsync(client);
        Assert.Equal(RetryAfterHandler.DefaultWait, await _time.NextTimerAsync());
        Assert.False(listing.IsCompleted);
        _time.Clock.Advance(RetryAfterHandler.DefaultWait);
        var pages = await listing.WaitAsync(TestObjects.Patience);

        Assert.Equal(["s3"], pages.SelectMany(p => p.Items).Select(o => o.Metadata.Name));
        Assert.Equal([(true, started), (false, started + TimeSpan.FromSeconds(1))],
            throttle.Requests.Select(r => (r.Throttled, r.At)));
    }

    [Fact]
    public async Task A_throttled_status_patch_waits_its_Retry_After_and_is_sent_again_unchanged()
    {
        var throttle = new ThrottlingHandler(_time);
        throttle.Throttle(HttpMethod.Patch, 1, retryAfter: "3");
        var client = new KubeResourceClient<VpcEndpoint>(Client(throttle, new FixedAnswerServer(Item)));
        var resource = new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = "s3", Namespace = "ns", ResourceVersion = "6" },
            Spec = new VpcEndpointSpec { ServiceName = "s3", VpcId = "vpc-0abc" },
            Status = new VpcEndpointStatus { EndpointId = "vpce-0123" },
        };

        var patching = client.PatchStatusAsync(resource, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(3), await _time.NextTimerAsync());
        _time.Clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.False(patching.IsCompleted);
        _time.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var stored = await patching.WaitAsync(TestObjects.Patience);

        Assert.Equal("vpce-0123", stored.Status!.EndpointId);
        var requests = throttle.Requests;
        Assert.Equal([true, false], requests.Select(r => r.Throttled));
        Assert.All(requests, r => Assert.EndsWith("/namespaces/ns/vpcendpoints/s3/status", r.Path));
        Assert.Contains("vpce-0123", requests[1].Body);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(TimeSpan.FromSeconds(3), requests[1].At - requests[0].At);
    }

    [Fact]
    public async Task A_throttled_lease_read_and_write_each_wait_their_Retry_After_and_the_election_never_sees_the_429()
    {
        var throttle = new ThrottlingHandler(_time);
        var server = new LeaseServer();
        server.StoreReleased("vpce-system", KubeLeaderElection.DefaultLeaseName);
        throttle.Throttle(HttpMethod.Get, 1, retryAfter: "2");
        throttle.Throttle(HttpMethod.Put, 1, retryAfter: "5");
        var logger = new RecordingLogger();
        var election = new KubeLeaderElection(Client(throttle, server), "vpce-system", identity: "me", time: _time, logger: logger);
        var led = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var started = _time.GetUtcNow();

        var run = election.RunAsync(async leading =>
        {
            led.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, leading).ContinueWith(_ => { }, TaskScheduler.Default);
        }, stop.Token);
        Assert.Equal(TimeSpan.FromSeconds(2), await _time.NextTimerAsync());
        _time.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        Assert.False(led.Task.IsCompleted);
        _time.Clock.Advance(TimeSpan.FromSeconds(5));
        await led.Task.WaitAsync(TestObjects.Patience);

        Assert.Equal("me", server.Holder);
        var at = (TimeSpan seconds) => started + seconds;
        Assert.Equal([("GET", true, at(TimeSpan.Zero)), ("GET", false, at(TimeSpan.FromSeconds(2))), ("PUT", true, at(TimeSpan.FromSeconds(2))),
                ("PUT", false, at(TimeSpan.FromSeconds(7)))],
            throttle.Requests.Select(r => (r.Method.Method, r.Throttled, r.At)));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("leader election"));
        await stop.CancelAsync();
        await run.WaitAsync(TestObjects.Patience);
    }

    [Fact]
    public async Task After_ten_retries_the_429_goes_to_the_caller_as_a_refusal_it_can_retry_later()
    {
        var throttle = new ThrottlingHandler(_time);
        throttle.Throttle(HttpMethod.Patch, 100, retryAfter: "1");
        var client = new KubeResourceClient<VpcEndpoint>(Client(throttle, new FixedAnswerServer(Item)));
        var resource = new VpcEndpoint { Metadata = new ObjectMetadata { Name = "s3", Namespace = "ns" }, Status = new VpcEndpointStatus() };

        var patching = client.PatchStatusAsync(resource, CancellationToken.None);
        for (var retry = 0; retry < RetryAfterHandler.MaxRetries; retry++)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), await _time.NextTimerAsync());
            _time.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var refused = await Assert.ThrowsAsync<KubeApiException>(() => patching.WaitAsync(TestObjects.Patience));

        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(RetryAfterHandler.MaxRetries + 1, throttle.Requests.Count);
    }

    [Fact]
    public void The_wait_is_the_Retry_After_in_seconds_or_until_its_date_bounded_to_a_minute_and_a_second_when_absent()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(1), Wait(null));
        Assert.Equal(TimeSpan.FromSeconds(7), Wait("7"));
        Assert.Equal(TimeSpan.FromSeconds(60), Wait("3600"));
        Assert.Equal(TimeSpan.FromSeconds(30), Wait((now + TimeSpan.FromSeconds(30)).ToString("R")));
        Assert.Equal(TimeSpan.Zero, Wait((now - TimeSpan.FromSeconds(30)).ToString("R")));
        Assert.Equal(TimeSpan.FromSeconds(1), Wait("soon"));

        TimeSpan Wait(string? retryAfter)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            return RetryAfterHandler.WaitOf(response, now);
        }
    }

    private Kubernetes Client(params DelegatingHandler[] server) =>
        KubeApis.CreateClient(new KubernetesClientConfiguration { Host = "http://api.test" }, _time, null, server);

    private static async Task<List<ResourceListPage<VpcEndpoint>>> ListAsync(IResourceClient<VpcEndpoint> client)
    {
        var pages = new List<ResourceListPage<VpcEndpoint>>();
        await foreach (var page in client.ListAsync(null, CancellationToken.None)) pages.Add(page);
        return pages;
    }
}
