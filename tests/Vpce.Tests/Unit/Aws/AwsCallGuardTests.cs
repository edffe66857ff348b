using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit.Aws;

public sealed class AwsCallGuardTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly OperatorMetrics _metrics = new();
    private readonly RegionsInUse _regions = new();
    private readonly AwsCallGuard _guard;
    private readonly List<(string Operation, string Outcome)> _recorded = [];
    private readonly Dictionary<(string Operation, string Outcome), long> _counted = [];
    private readonly MeterListener _listener = new();
    private int _calls;

    public AwsCallGuardTests()
    {
        _guard = new AwsCallGuard(new AwsResilienceOptions(), _metrics, _time, _regions);
        _listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, _metrics.Meter) && i.Name == "vpce_aws_requests_total") l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value?.ToString());
            lock (_recorded)
            {
                _recorded.Add((t["operation"]!, t["outcome"]!));
                _counted[(t["operation"]!, t["outcome"]!)] = _counted.GetValueOrDefault((t["operation"]!, t["outcome"]!)) + value;
            }
        });
        _listener.Start();
    }

    private Task<int> Call(string region = "eu-west-1", AwsActionClass actionClass = AwsActionClass.Mutation, Exception? fail = null) =>
        _guard.CallAsync(region, "ec2", "CreateVpcEndpoint", actionClass, _ =>
        {
            Interlocked.Increment(ref _calls);
            return fail is null ? Task.FromResult(1) : Task.FromException<int>(fail);
        }, default);

    [Fact]
    public async Task Mutations_have_a_burst_of_four_then_a_caller_waits_for_the_next_token_every_three_and_a_third_seconds()
    {
        for (var i = 0; i < 4; i++) await Call();
        // Pacing is waiting, not failing: the fifth call waits for its token instead of failing.
        var fifth = Call();
        var sixth = Call();
        Assert.False(fifth.IsCompleted);
        Assert.Equal(4, _calls);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(fifth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.4));
        Assert.Equal(1, await fifth);
        Assert.False(sixth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.34));
        Assert.Equal(1, await sixth);
        Assert.Equal(6, _calls);
        Assert.DoesNotContain(_recorded, r => r.Outcome == AwsOutcomes.Throttled);
    }

    [Fact]
    public async Task A_call_whose_token_is_further_away_than_its_deadline_is_paced_not_failed()
    {
        for (var i = 0; i < 4; i++) await Call();
        // Six tokens (20 s, the call's deadline) are promised to waiting callers; a seventh would be later than that.
        var waiting = Enumerable.Range(0, 6).Select(_ => Call()).ToList();
        var paced = await Assert.ThrowsAsync<AwsCallPacedException>(() => Call());
        Assert.Equal(new AwsResilienceOptions().CallTimeout, paced.RetryAfter);
        Assert.Equal(4, _calls);
        _time.Advance(TimeSpan.FromSeconds(21));
        await Task.WhenAll(waiting);
        Assert.Equal(10, _calls);
    }

    [Fact]
    public async Task Buckets_are_separate_per_region_and_class()
    {
        for (var i = 0; i < 4; i++) await Call();
        await Call(region: "us-east-1");
        await Call(actionClass: AwsActionClass.Describe);
        Assert.Equal(6, _calls);
    }

    [Fact]
    public async Task Throttling_from_AWS_passes_through_once_without_a_retry()
    {
        var e = await Assert.ThrowsAsync<AwsApiException>(() => Call(fail: new AwsApiException(AwsErrorCodes.RequestLimitExceeded, "slow down", 503)));
        Assert.True(e.IsThrottling);
        Assert.Equal(1, _calls);
        Assert.Equal([("CreateVpcEndpoint", AwsOutcomes.Throttled)], _recorded);
    }

    [Fact]
    public async Task An_outage_opens_the_circuit_which_fails_fast_and_closes_again_later()
    {
        for (var i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<AwsUnavailableException>(() => Call(actionClass: AwsActionClass.Describe, fail: new AwsUnavailableException("down")));
        }
        var callsBefore = _calls;
        var open = await Assert.ThrowsAsync<AwsUnavailableException>(() => Call(actionClass: AwsActionClass.Describe));
        Assert.Contains("paused", open.Message);
        Assert.Equal(callsBefore, _calls);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await Call(actionClass: AwsActionClass.Describe));
    }

    [Fact]
    public async Task Client_errors_do_not_open_the_circuit()
    {
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(4));
            await Assert.ThrowsAsync<AwsApiException>(() => Call(actionClass: AwsActionClass.Describe, fail: new AwsApiException("InvalidParameter", "no", 400)));
        }
        Assert.Equal(1, await Call(actionClass: AwsActionClass.Describe));
    }

    [Fact]
    public async Task A_call_that_hangs_times_out_as_AwsUnavailable()
    {
        var hanging = _guard.CallAsync("eu-west-1", "ec2", "DescribeVpcs", AwsActionClass.Describe,
            async ct => { await Task.Delay(TimeSpan.FromMinutes(5), _time, ct); return 1; }, default);
        _time.Advance(TimeSpan.FromSeconds(21));
        await Assert.ThrowsAsync<AwsUnavailableException>(() => hanging);
    }

    // A reconcile runs in its own async flow, with its object's key in scope.
    private Task<int> CallFor(string name) => Task.Run(() =>
    {
        ReconcileScope.Enter(new ResourceKey("VpcEndpoint", "platform", name));
        return Call();
    });

    [Fact]
    public async Task A_held_turn_keeps_every_token_it_was_reserved_with()
    {
        await UseUpMutations("eu-west-1");
        var pagesMade = 0;
        Task<int> TwoPages() => Task.Run(() =>
        {
            ReconcileScope.Enter(new ResourceKey("VpcEndpoint", "platform", "a"));
            return _guard.CallPagedAsync("eu-west-1", "ec2", "CreateVpcEndpoint", AwsActionClass.Mutation, async (nextPage, ct) =>
            {
                pagesMade++;
                await nextPage(ct);
                pagesMade++;
                return 1;
            }, default, requests: 2);
        });
        // Two tokens are 6.7 s away: the reconcile gives its worker back, holding a turn of two.
        var paced = await Assert.ThrowsAsync<AwsCallPacedException>(TwoPages);
        _time.Advance(paced.RetryAfter);

        // Back on its turn, both requests are paid: the second page waits for no third token (the clock stands still, so a
        // wait for one would never end; the real-time bound only ends such a failure).
        var back = TwoPages();
        Assert.Same(back, await Task.WhenAny(back, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(1, await back);
        Assert.Equal(2, pagesMade);
    }

    [Fact]
    public async Task A_reconcile_whose_token_is_far_keeps_its_turn_and_takes_it_when_it_comes_back()
    {
        await UseUpMutations("eu-west-1");
        // Within MaxHeldWait (2 s) a reconcile waits; 3.3 s away it gives its worker back, keeping the turn.
        var paced = await Assert.ThrowsAsync<AwsCallPacedException>(() => CallFor("a"));
        Assert.InRange(paced.RetryAfter, TimeSpan.FromSeconds(3.3), TimeSpan.FromSeconds(3.4));
        var second = await Assert.ThrowsAsync<AwsCallPacedException>(() => CallFor("b"));
        Assert.InRange(second.RetryAfter, TimeSpan.FromSeconds(6.6), TimeSpan.FromSeconds(6.7));
        Assert.Equal(4, _calls);

        // "b" comes back early (a watch event): still its turn later, not a second reservation.
        _time.Advance(TimeSpan.FromSeconds(1));
        var early = await Assert.ThrowsAsync<AwsCallPacedException>(() => CallFor("b"));
        Assert.InRange(early.RetryAfter, TimeSpan.FromSeconds(5.6), TimeSpan.FromSeconds(5.7));

        _time.Advance(paced.RetryAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CallFor("a"));
        _time.Advance(TimeSpan.FromSeconds(3.4));
        Assert.Equal(1, await CallFor("b"));
        Assert.Equal(6, _calls);
        // Both turns were taken from the bucket once each: the next caller's token is one interval on, not three.
        var third = await Assert.ThrowsAsync<AwsCallPacedException>(() => CallFor("c"));
        Assert.InRange(third.RetryAfter, TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(3.4));
        Assert.Equal(1, _guard.HeldTurns);
    }

    private Task<int> RecordedCallFor(string name, List<string> order, Exception? recordFails = null) => Task.Run(() =>
    {
        ReconcileScope.Enter(new ResourceKey("VpcEndpoint", "platform", name));
        return _guard.CallAsync("eu-west-1", "ec2", "CreateVpcEndpoint", AwsActionClass.Mutation, _ =>
        {
            order.Add($"request {name}");
            Interlocked.Increment(ref _calls);
            return Task.FromResult(1);
        }, default, beforeRequest: _ =>
        {
            order.Add($"record {name}");
            return recordFails is null ? Task.CompletedTask : Task.FromException(recordFails);
        });
    });

    [Fact]
    public async Task The_callers_record_is_made_when_the_turn_has_come_right_before_the_request_never_while_the_call_waits_for_it()
    {
        await UseUpMutations("eu-west-1");
        var order = new List<string>();
        // 3.3 s away: the reconcile gives its worker back, and nothing is recorded for a request that was not made.
        var paced = await Assert.ThrowsAsync<AwsCallPacedException>(() => RecordedCallFor("a", order));
        Assert.Empty(order);

        _time.Advance(paced.RetryAfter);
        Assert.Equal(1, await RecordedCallFor("a", order));
        Assert.Equal(["record a", "request a"], order);
    }

    [Fact]
    public async Task A_record_that_fails_sends_no_request_and_counts_none_but_spends_the_turn()
    {
        var order = new List<string>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => RecordedCallFor("a", order, new InvalidOperationException("conflict")));

        Assert.Equal(["record a"], order);
        Assert.Equal(0, _calls);
        lock (_recorded) Assert.Empty(_recorded);
    }

    [Fact]
    public async Task The_request_counter_counts_requests_as_AWS_does_pages_and_both_attributes()
    {
        await _guard.CallAsync("eu-west-1", "ec2", "DescribeVpcAttribute", AwsActionClass.Describe, _ => Task.FromResult(1), default, requests: 2);
        await _guard.CallPagedAsync("eu-west-1", "ec2", "DescribeRouteTables", AwsActionClass.Describe, async (nextPage, ct) =>
        {
            await nextPage(ct);
            await nextPage(ct);
            return 1;
        }, default);
        // A listing that fails on its third page: its first two requests were answered.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _guard.CallPagedAsync<int>("eu-west-1", "ec2", "DescribeSubnets", AwsActionClass.Describe,
            async (nextPage, ct) =>
            {
                await nextPage(ct);
                await nextPage(ct);
                throw new InvalidOperationException("the third page failed");
            }, default));

        Assert.Equal(2, _counted[("DescribeVpcAttribute", AwsOutcomes.Success)]);
        Assert.Equal(3, _counted[("DescribeRouteTables", AwsOutcomes.Success)]);
        Assert.Equal((2, 1), (_counted[("DescribeSubnets", AwsOutcomes.Success)], _counted[("DescribeSubnets", AwsOutcomes.Error)]));
    }

    [Fact]
    public async Task Further_pages_and_second_requests_are_paced_as_the_requests_AWS_counts()
    {
        // Three mutation "pages" in one call, each further one through the gate: the fourth token is the only one left.
        await _guard.CallPagedAsync("eu-west-1", "ec2", "CreateVpcEndpoint", AwsActionClass.Mutation, async (nextPage, ct) =>
        {
            await nextPage(ct);
            await nextPage(ct);
            return 1;
        }, default);
        await Call();
        var waiting = Call();
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.34));
        await waiting;

        // A page past the tokens left waits for its own before it is requested.
        var pagesMade = 0;
        var paged = _guard.CallPagedAsync("eu-west-1", "ec2", "CreateVpcEndpoint", AwsActionClass.Mutation, async (nextPage, ct) =>
        {
            pagesMade++;
            await nextPage(ct);
            pagesMade++;
            return 1;
        }, default, pagesRequested: (pages, finished) => Assert.True(pages == 2 && finished));
        Assert.False(paged.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.34));
        Assert.False(paged.IsCompleted);
        Assert.Equal(1, pagesMade);
        _time.Advance(TimeSpan.FromSeconds(3.34));
        Assert.Equal(1, await paged);
        Assert.Equal(2, pagesMade);
        Assert.DoesNotContain(_recorded, r => r.Outcome != AwsOutcomes.Success);

        // A call known to make two requests takes both tokens up front: with one left it waits for the second.
        await UseUpMutations("us-east-1");
        _time.Advance(TimeSpan.FromSeconds(3.34));
        var two = _guard.CallAsync("us-east-1", "ec2", "DescribeVpcAttribute", AwsActionClass.Mutation, _ => Task.FromResult(1), default, requests: 2);
        Assert.False(two.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.34));
        Assert.Equal(1, await two);
    }

    [Fact]
    public void The_client_buckets_promise_no_more_than_AWSs_documented_EC2_limits()
    {
        // The simulator's defaults are AWS's request-token buckets; a client bucket above them would let AWS throttle.
        var client = new AwsResilienceOptions();
        var aws = new Vpce.Simulation.Aws.Ec2ThrottlingOptions();
        Assert.InRange(client.DescribeBurst, 1, aws.NonMutating.Capacity);
        Assert.InRange(client.DescribesPerSecond, 0.01, aws.NonMutating.RefillPerSecond);
        Assert.InRange(client.MutationBurst, 1, aws.Mutating.Capacity);
        Assert.InRange(client.MutationsPerSecond, 0.01, aws.Mutating.RefillPerSecond);
    }

    private async Task UseUpMutations(string region)
    {
        for (var i = 0; i < 4; i++) await Call(region);
    }

    [Fact]
    public async Task When_a_regions_last_object_leaves_its_pipelines_and_buckets_are_dropped()
    {
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        await UseUpMutations("xx-fake-1");
        await Call(region: "eu-west-1");
        Assert.Equal(["eu-west-1", "xx-fake-1"], _guard.Regions.Order());

        _regions.Release("VpcEndpoint/ns/a");

        Assert.Equal(["eu-west-1"], _guard.Regions);
    }

    [Fact]
    public async Task A_region_another_object_still_uses_keeps_its_buckets()
    {
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        _regions.Use("VpcEndpoint/ns/b", "xx-fake-1");
        await UseUpMutations("xx-fake-1");

        _regions.Release("VpcEndpoint/ns/a");

        // The bucket is still the spent one: the next call waits for a token.
        Assert.False(Call("xx-fake-1").IsCompleted);
    }

    [Fact]
    public async Task A_released_region_used_again_starts_with_a_full_bucket_and_a_closed_circuit()
    {
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        await UseUpMutations("xx-fake-1");
        for (var i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<AwsUnavailableException>(() => Call("xx-fake-1", AwsActionClass.Describe, new AwsUnavailableException("down")));
        }
        await Assert.ThrowsAsync<AwsUnavailableException>(() => Call("xx-fake-1", AwsActionClass.Describe));
        _regions.Release("VpcEndpoint/ns/a");

        _regions.Use("VpcEndpoint/ns/b", "xx-fake-1");

        Assert.Equal(1, await Call("xx-fake-1"));
        Assert.Equal(1, await Call("xx-fake-1", AwsActionClass.Describe));
    }

    [Fact]
    public async Task The_resilient_apis_hand_regions_in_use_to_their_guard()
    {
        var apis = new ResilientAwsApis(new Vpce.Simulation.Aws.AwsSimulator(_time), new AwsResilienceOptions(), _metrics, _time, _regions);
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        await apis.Ec2.DescribeVpcsAsync("xx-fake-1", new ResourceQuery(), default);
        Assert.Equal(["xx-fake-1"], apis.Guard.Regions);

        _regions.Release("VpcEndpoint/ns/a");

        Assert.Empty(apis.Guard.Regions);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }
}
