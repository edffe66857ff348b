using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Observability;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Unit.Aws;

/// <summary>A long listing takes the tokens of its pages before it starts (as many as the last listing of its shape took),
/// so it waits for them rather than running into AWS's own limit halfway through its pages; a page past those takes its
/// token before it is requested, so even the first listing of a shape waits page by page.</summary>
public sealed class PagedDescribePacingTests
{
    private const string Region = "eu-west-1";

    // Three pages of each kind with 100 to a page (the VPC brings one of each itself).
    public static TheoryData<string> PagedKinds => new() { "route tables", "network ACLs" };

    [Theory]
    [MemberData(nameof(PagedKinds))]
    public async Task A_listing_of_three_pages_waits_for_three_tokens_once_its_size_is_known(string kind)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var aws = new AwsSimulator(time);
        var vpc = aws.World.CreateVpc(Region, "10.0.0.0/16");
        for (var i = 0; i < 250; i++)
        {
            _ = kind == "route tables" ? aws.World.CreateRouteTable(vpc) : aws.World.CreateNetworkAcl(vpc);
        }
        using var metrics = new OperatorMetrics();
        var ec2 = new ResilientAwsApis(aws, new AwsResilienceOptions { DescribeBurst = 3, DescribesPerSecond = 1 }, metrics, time).Ec2;
        var query = new ResourceQuery { VpcIds = [vpc] };
        async Task<int> ListAsync() => kind == "route tables"
            ? (await ec2.DescribeRouteTablesAsync(Region, query, default)).Count
            : (await ec2.DescribeNetworkAclsAsync(Region, query, default)).Count;

        // The first listing knows nothing: one token up front, each further page's as it comes (here all free).
        Assert.Equal(251, await ListAsync());
        time.Advance(TimeSpan.FromSeconds(3));
        // Three tokens again, taken up front.
        await ListAsync();
        var third = ListAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.01));
        Assert.Equal(251, await third);
    }

    [Fact]
    public async Task The_first_listing_of_fifty_pages_waits_for_each_pages_token_and_AWS_throttles_none()
    {
        // Off the test framework's context, so every wait's continuation runs as the clock moves past it.
        await Task.Run(async () =>
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
            // AWS's documented describe limit (100, 20/s) on the simulator; the client's default buckets in front.
            var aws = new AwsSimulator(time, new AwsSimulatorOptions { Throttling = new Ec2ThrottlingOptions { Enabled = true } });
            var vpc = aws.World.CreateVpc(Region, "10.0.0.0/16");
            for (var i = 0; i < 4_999; i++)
            {
                aws.World.CreateRouteTable(vpc);
            }
            using var metrics = new OperatorMetrics();
            var outcomes = new List<string>();
            using var listener = ListenToOutcomes(metrics, outcomes);
            var ec2 = new ResilientAwsApis(aws, new AwsResilienceOptions(), metrics, time).Ec2;
            // Other reads spent 80 of the 100 tokens a moment ago; no listing of route tables has been seen yet.
            for (var i = 0; i < 80; i++)
            {
                await ec2.DescribeVpcsAsync(Region, new ResourceQuery { Ids = [vpc] }, default);
            }

            var started = time.GetUtcNow();
            var listing = ec2.DescribeRouteTablesAsync(Region, new ResourceQuery { VpcIds = [vpc] }, default);
            for (var step = 0; step < 200 && !listing.IsCompleted; step++)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
            }
            Assert.True(listing.IsCompleted);

            Assert.Equal(5_000, (await listing).Count);
            Assert.Equal(50, aws.Calls["ec2:DescribeRouteTables"]);
            Assert.Equal(0, aws.Calls.TotalThrottled);
            // The 30 pages past the 20 tokens left came at AWS's rate, 20 a second.
            Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(1.45), TimeSpan.FromSeconds(1.6));
            Assert.DoesNotContain(AwsOutcomes.Throttled, outcomes);
            Assert.DoesNotContain(AwsOutcomes.Error, outcomes);
        });
    }

    [Fact]
    public async Task A_page_whose_token_is_past_the_calls_deadline_is_paced_not_failed_and_the_next_listing_takes_no_more_than_the_burst_up_front()
    {
        // Off the test framework's context, so every wait's continuation runs as the clock moves past it.
        await Task.Run(async () =>
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
            var aws = new AwsSimulator(time);
            var vpc = aws.World.CreateVpc(Region, "10.0.0.0/16");
            for (var i = 0; i < 1_999; i++)
            {
                aws.World.CreateRouteTable(vpc);
            }
            using var metrics = new OperatorMetrics();
            var outcomes = new List<string>();
            using var listener = ListenToOutcomes(metrics, outcomes);
            // One token a second, twenty pages: a page waits for its token while that leaves a quarter of the 20 s timeout, so
            // page 17's token, 16 s after the first, is too late.
            var ec2 = new ResilientAwsApis(aws, new AwsResilienceOptions { DescribeBurst = 1, DescribesPerSecond = 1 }, metrics, time).Ec2;
            var query = new ResourceQuery { VpcIds = [vpc] };
            var listing = ec2.DescribeRouteTablesAsync(Region, query, default);
            for (var step = 0; step < 400 && !listing.IsCompleted; step++)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
            var paced = await Assert.ThrowsAsync<AwsCallPacedException>(() => listing);
            Assert.InRange(paced.RetryAfter, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
            Assert.Equal(16, aws.Calls["ec2:DescribeRouteTables"]);
            Assert.DoesNotContain(AwsOutcomes.Error, outcomes);
            Assert.DoesNotContain(AwsOutcomes.Throttled, outcomes);

            // Asked again, the listing knows it needs 17 requests but takes only the bucket's burst (1) up front: 17 tokens
            // taken at once would be spent as one burst after the wait, which AWS's bucket of the same size would throttle.
            // The pages come one by one again, and a listing longer than the burst and the deadline's refill is paced again.
            time.Advance(paced.RetryAfter);
            var again = ec2.DescribeRouteTablesAsync(Region, query, default);
            for (var step = 0; step < 400 && !again.IsCompleted; step++)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
            await Assert.ThrowsAsync<AwsCallPacedException>(() => again);
            Assert.Equal(32, aws.Calls["ec2:DescribeRouteTables"]);
            Assert.DoesNotContain(AwsOutcomes.Error, outcomes);
            Assert.DoesNotContain(AwsOutcomes.Throttled, outcomes);
        });
    }

    private static MeterListener ListenToOutcomes(OperatorMetrics metrics, List<string> outcomes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == "vpce_aws_requests_total") l.EnableMeasurementEvents(i);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") lock (outcomes) outcomes.Add(tag.Value?.ToString() ?? "");
            }
        });
        listener.Start();
        return listener;
    }
}
