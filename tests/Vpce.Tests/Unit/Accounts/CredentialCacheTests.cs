using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>The credential cache on virtual time against a fake STS: one AssumeRole per role until five minutes before
/// expiry, a backoff per role after a refusal that costs STS nothing while it runs, chains hop by hop, and its metrics.</summary>
public sealed class CredentialCacheTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private const string Region = "eu-west-1";
    private const string PaymentsRole = "arn:aws:iam::222233334444:role/vpce-operator";
    private const string SearchRole = "arn:aws:iam::333344445555:role/vpce-operator";
    private const string HubRole = "arn:aws:iam::111122223333:role/hub";
    private const string TransitRole = "arn:aws:iam::444455556666:role/transit";
    private const string ExpiryGauge = "vpce_account_credentials_expiry_timestamp_seconds";
    private const string AssumeCounter = "vpce_sts_assume_role_total";
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeAwsApis _aws;
    private readonly OperatorMetrics _metrics = new();
    private readonly MetricsProbe _probe;
    private readonly CredentialCache _cache;

    public CredentialCacheTests()
    {
        _aws = new FakeAwsApis(_time);
        _probe = new MetricsProbe(_metrics);
        _cache = new CredentialCache(_aws, Region, CredentialCache.SessionNameFor("prod-eu"), _time, _metrics);
    }

    public void Dispose()
    {
        _probe.Dispose();
        _metrics.Dispose();
    }

    private static AwsAccountSpec Payments() => new() { AccountId = "222233334444", RoleArn = PaymentsRole, NamespaceSelector = new LabelSelector() };

    private static AwsAccountSpec Search() => new() { AccountId = "333344445555", RoleArn = SearchRole, NamespaceSelector = new LabelSelector() };

    private static AwsAccountSpec Chained() => new()
    {
        AccountId = "222233334444",
        RoleArn = PaymentsRole,
        RoleChain = [HubRole, TransitRole],
        ExternalId = "payments-7f3a",
        SessionTags = new() { ["cluster"] = "prod-eu", ["team"] = "payments" },
        NamespaceSelector = new LabelSelector(),
    };

    private double Assumes(string account, string outcome) => _probe.Values(AssumeCounter, ("account", account), ("outcome", outcome)).Sum();

    [Fact]
    public async Task One_assume_serves_many_calls()
    {
        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        for (var i = 0; i < 100; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            Assert.Same(first, await _cache.AssumeAsync("payments", Payments(), Ct));
        }
        var call = Assert.Single(_aws.Calls);
        Assert.Equal(Region, call.Region);
        Assert.Equal(new AssumeRoleRequest(PaymentsRole, "vpce-operator-prod-eu", null, null, TimeSpan.FromHours(1)), call.Request);
        Assert.Null(call.ActingWith);
        Assert.Equal(Start + TimeSpan.FromHours(1), first.Credentials.Expiration);
        Assert.Equal("arn:aws:sts::222233334444:assumed-role/vpce-operator/vpce-operator-prod-eu", first.AssumedRoleArn);
    }

    [Fact]
    public async Task Credentials_AWS_refused_are_renewed_once_not_on_every_refusal()
    {
        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        // Refused within a minute of being assumed: the same session (a storm of refusals renews once, not per object).
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Same(first, await _cache.AssumeAsync("payments", Payments(), Ct, renew: true));
        _time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await _cache.AssumeAsync("payments", Payments(), Ct, renew: true);
        Assert.NotSame(first, renewed);
        Assert.Equal(2, _aws.CallsFor(PaymentsRole).Count);
        Assert.Same(renewed, await _cache.AssumeAsync("payments", Payments(), Ct, renew: true));
        Assert.Equal(renewed.Credentials, _cache.Source(Payments())());
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_assume()
    {
        var held = _aws.Hold(PaymentsRole);
        var waiting = Enumerable.Range(0, 20).Select(_ => _cache.AssumeAsync("payments", Payments(), Ct)).ToList();
        Assert.Single(_aws.Calls);
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        held.SetResult();
        var assumed = await Task.WhenAll(waiting);
        Assert.Single(_aws.Calls);
        Assert.All(assumed, a => Assert.Same(assumed[0], a));
    }

    [Fact]
    public async Task Two_accounts_naming_the_same_role_share_its_session()
    {
        var a = await _cache.AssumeAsync("payments", Payments(), Ct);
        var b = await _cache.AssumeAsync("payments-too", Payments(), Ct);
        Assert.Same(a, b);
        Assert.Single(_aws.Calls);
    }

    [Fact]
    public async Task Another_external_id_or_session_tags_is_another_session()
    {
        var plain = Payments();
        var withId = Payments();
        withId.ExternalId = "payments-7f3a";
        var withTags = Payments();
        withTags.SessionTags = new() { ["cluster"] = "prod-eu" };
        var sameTagsReordered = Payments();
        sameTagsReordered.SessionTags = new() { ["cluster"] = "prod-eu" };
        await _cache.AssumeAsync("a", plain, Ct);
        await _cache.AssumeAsync("b", withId, Ct);
        await _cache.AssumeAsync("c", withTags, Ct);
        await _cache.AssumeAsync("d", sameTagsReordered, Ct);
        Assert.Equal(3, _aws.Calls.Count);
        Assert.Equal([null, "payments-7f3a", null], _aws.Calls.Select(c => c.Request.ExternalId));
    }

    [Fact]
    public async Task No_new_assume_until_five_minutes_before_expiry_then_exactly_one()
    {
        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        _time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromTicks(1));
        Assert.Same(first, await _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Single(_aws.Calls);

        _time.Advance(TimeSpan.FromTicks(1));
        var refreshed = await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.NotSame(first, refreshed);
        Assert.NotEqual(first.Credentials.AccessKeyId, refreshed.Credentials.AccessKeyId);
        Assert.Equal(Start + TimeSpan.FromMinutes(55) + TimeSpan.FromHours(1), refreshed.Credentials.Expiration);
        for (var i = 0; i < 50; i++)
        {
            Assert.Same(refreshed, await _cache.AssumeAsync("payments", Payments(), Ct));
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(2, _aws.Calls.Count);
        Assert.Equal(Start + TimeSpan.FromMinutes(55), _aws.Calls[1].At);
    }

    [Fact]
    public async Task A_day_of_calls_every_minute_costs_at_most_two_assumes_per_role_per_hour()
    {
        var specs = new[] { ("payments", Payments()), ("search", Search()), ("chained", Chained()) };
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            foreach (var (label, spec) in specs)
            {
                var assumed = await _cache.AssumeAsync(label, spec, Ct);
                Assert.True(assumed.Credentials.Expiration - _time.GetUtcNow() >= CredentialCache.RefreshBefore, $"{label} at minute {minute}");
            }
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        // One session per role and External ID: the payments role on its own and at the end of the chain are two.
        var sessions = _aws.Calls.GroupBy(c => (c.Request.RoleArn, c.Request.ExternalId)).ToList();
        Assert.Equal(4 + 1, sessions.Count);
        foreach (var session in sessions)
        {
            var calls = session.ToList();
            // Any 60 minutes, not only clock hours.
            var busiest = calls.Max(c => calls.Count(o => o.At >= c.At && o.At < c.At + TimeSpan.FromHours(1)));
            Assert.True(busiest <= 2, $"{session.Key}: {busiest} assumes in one hour");
            Assert.InRange(calls.Count, 24, 2 * 24);
        }
    }

    [Fact]
    public async Task A_refusal_names_the_role_and_what_sts_said()
    {
        _aws.Refuse(PaymentsRole);
        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(AccountReasons.AssumeRoleFailed, refused.Reason);
        Assert.Contains(PaymentsRole, refused.Message);
        Assert.Contains("is not authorized to perform: sts:AssumeRole", refused.Message);
        Assert.Equal("AccessDenied", Assert.IsType<AwsApiException>(refused.InnerException).Code);
        Assert.Single(_aws.Calls);
    }

    [Fact]
    public async Task The_backoff_doubles_from_five_seconds_to_five_minutes_and_calls_sts_only_when_it_runs_out()
    {
        _aws.Refuse(PaymentsRole);
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        var expected = 1;
        foreach (var seconds in new[] { 5, 10, 20, 40, 80, 160, 300, 300, 300 })
        {
            _time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromTicks(1));
            for (var i = 0; i < 3; i++)
            {
                var waiting = await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
                Assert.Equal(AccountReasons.AssumeRoleFailed, waiting.Reason);
                Assert.Contains(PaymentsRole, waiting.Message);
                Assert.Contains("is not authorized", waiting.Message);
                Assert.Contains("next try in", waiting.Message);
            }
            Assert.Equal(expected, _aws.Calls.Count);
            _time.Advance(TimeSpan.FromTicks(1));
            await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
            Assert.Equal(++expected, _aws.Calls.Count);
        }
        Assert.Equal(expected, Assumes("payments", AwsOutcomes.Error));
    }

    [Fact]
    public async Task A_success_after_the_backoff_clears_it()
    {
        _aws.Refuse(PaymentsRole);
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        _time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        _time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(3, _aws.Calls.Count);

        // STS would admit now, but the 20 s backoff still runs: no call until it is over.
        _aws.Admit(PaymentsRole);
        _time.Advance(TimeSpan.FromSeconds(19));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(3, _aws.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        var assumed = await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Same(assumed, await _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(4, _aws.Calls.Count);

        // The next refusal starts from five seconds again.
        _aws.Refuse(PaymentsRole);
        _time.Advance(TimeSpan.FromMinutes(55));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(5, _aws.Calls.Count);
        _aws.Admit(PaymentsRole);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.NotSame(assumed, await _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(6, _aws.Calls.Count);
    }

    [Fact]
    public async Task A_failing_role_does_not_fail_or_delay_another()
    {
        _aws.Refuse(PaymentsRole);
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        var search = await _cache.AssumeAsync("search", Search(), Ct);
        for (var i = 0; i < 60; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Same(search, await _cache.AssumeAsync("search", Search(), Ct));
            try
            {
                await _cache.AssumeAsync("payments", Payments(), Ct);
            }
            catch (AccountRefusedException)
            {
                // as expected: refused, or backing off
            }
        }
        Assert.Single(_aws.CallsFor(SearchRole));
        Assert.Equal(1, Assumes("search", AwsOutcomes.Success));
        Assert.Equal(0, Assumes("search", AwsOutcomes.Error));
        // 0, 5, 15, 35 s: four tries in the minute, no more.
        Assert.Equal(4, _aws.CallsFor(PaymentsRole).Count);
    }

    [Fact]
    public async Task A_role_whose_sts_call_hangs_does_not_hold_up_another()
    {
        var held = _aws.Hold(PaymentsRole);
        var payments = _cache.AssumeAsync("payments", Payments(), Ct);
        var search = _cache.AssumeAsync("search", Search(), Ct);
        Assert.True(search.IsCompletedSuccessfully, "search waited on payments' STS call");
        Assert.False(payments.IsCompleted);

        _aws.Refuse(PaymentsRole);
        held.SetResult();
        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => payments);
        Assert.Contains(PaymentsRole, refused.Message);
        Assert.Same(await search, await _cache.AssumeAsync("search", Search(), Ct));
    }

    [Fact]
    public async Task A_chain_assumes_each_hop_in_order_with_the_previous_hops_credentials()
    {
        var assumed = await _cache.AssumeAsync("payments", Chained(), Ct);
        var calls = _aws.Calls;
        Assert.Equal([HubRole, TransitRole, PaymentsRole], calls.Select(c => c.Request.RoleArn));
        Assert.All(calls, c => Assert.Equal("vpce-operator-prod-eu", c.Request.SessionName));
        Assert.All(calls, c => Assert.Equal(TimeSpan.FromHours(1), c.Request.Duration));
        Assert.All(calls, c => Assert.Equal(Region, c.Region));

        // The External ID and session tags go with the last hop only.
        Assert.Equal([null, null, "payments-7f3a"], calls.Select(c => c.Request.ExternalId));
        Assert.Null(calls[0].Request.SessionTags);
        Assert.Null(calls[1].Request.SessionTags);
        Assert.Equal(Chained().SessionTags!, calls[2].Request.SessionTags!);

        // The first hop as the operator itself, every later one with the hop before's credentials.
        Assert.Null(calls[0].ActingWith);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/hub/vpce-operator-prod-eu", _aws.IdentityOf(calls[1].ActingWith).Arn);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/transit/vpce-operator-prod-eu", _aws.IdentityOf(calls[2].ActingWith).Arn);

        // What the cache hands out is the last hop's session.
        Assert.Equal("arn:aws:sts::222233334444:assumed-role/vpce-operator/vpce-operator-prod-eu", assumed.AssumedRoleArn);
        var identity = await _aws.ActingAs(_cache.Source(Chained())).Sts.GetCallerIdentityAsync(Region, Ct);
        Assert.Equal("222233334444", identity.Account);
        Assert.Equal(3, Assumes("payments", AwsOutcomes.Success));
    }

    [Fact]
    public async Task A_chain_refreshes_every_hop_once()
    {
        await _cache.AssumeAsync("payments", Chained(), Ct);
        _time.Advance(TimeSpan.FromMinutes(55));
        await _cache.AssumeAsync("payments", Chained(), Ct);
        await _cache.AssumeAsync("payments", Chained(), Ct);
        var again = _aws.Calls.Skip(3).ToList();
        Assert.Equal([HubRole, TransitRole, PaymentsRole], again.Select(c => c.Request.RoleArn));
        Assert.Null(again[0].ActingWith);
        // The new hub session, not the first one.
        Assert.Equal(Start + TimeSpan.FromMinutes(55) + TimeSpan.FromHours(1), again[1].ActingWith!.Expiration);
    }

    [Fact]
    public async Task A_refused_hop_stops_the_chain()
    {
        _aws.Refuse(TransitRole);
        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Chained(), Ct));
        Assert.Equal(AccountReasons.AssumeRoleFailed, refused.Reason);
        Assert.Contains(PaymentsRole, refused.Message);
        Assert.Contains(TransitRole, refused.Message);
        Assert.Equal([HubRole, TransitRole], _aws.Calls.Select(c => c.Request.RoleArn));
        Assert.Equal(1, Assumes("payments", AwsOutcomes.Success));
        Assert.Equal(1, Assumes("payments", AwsOutcomes.Error));
    }

    [Fact]
    public async Task Source_gives_the_current_credentials_and_the_refreshed_ones_after_a_refresh()
    {
        var source = _cache.Source(Payments());
        var none = Assert.Throws<AccountRefusedException>(() => source());
        Assert.Equal(AccountReasons.AssumeRoleFailed, none.Reason);
        Assert.Contains(PaymentsRole, none.Message);

        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(first.Credentials, source());
        Assert.Equal(first.Credentials, _cache.Source(Payments())());

        _time.Advance(TimeSpan.FromMinutes(55));
        Assert.Equal(first.Credentials, source());
        var refreshed = await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(refreshed.Credentials, source());
        Assert.NotEqual(first.Credentials, source());
    }

    [Fact]
    public async Task Source_keeps_the_last_credentials_while_a_refresh_is_refused()
    {
        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        _aws.Refuse(PaymentsRole);
        _time.Advance(TimeSpan.FromMinutes(55));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("payments", Payments(), Ct));
        Assert.Equal(first.Credentials, _cache.Source(Payments())());
    }

    [Fact]
    public async Task Forgetting_one_account_keeps_the_session_another_account_shares()
    {
        // Two AwsAccounts of one role (say, two teams' admission in one account): one session, and one going away leaves
        // the other's ports (which ask Source before every request) with credentials that keep being refreshed.
        var teamA = Payments();
        var teamB = Payments();
        await _cache.AssumeAsync("payments-a", teamA, Ct);
        var sourceB = _cache.Source(teamB);
        await _cache.AssumeAsync("payments-b", teamB, Ct);
        Assert.Single(_aws.Calls);

        _cache.Forget("payments-a", teamA);
        await _cache.AssumeAsync("payments-b", teamB, Ct);
        Assert.Single(_aws.Calls);
        for (var hour = 0; hour < 3; hour++)
        {
            _time.Advance(TimeSpan.FromMinutes(55));
            var refreshed = await _cache.AssumeAsync("payments-b", teamB, Ct);
            Assert.Equal(refreshed.Credentials, sourceB());
            Assert.True(sourceB().Expiration - _time.GetUtcNow() > CredentialCache.RefreshBefore);
        }
        Assert.Equal(4, _aws.Calls.Count);
        Assert.Equal(sourceB().Expiration.ToUnixTimeSeconds(), _probe.Gauge(ExpiryGauge, "account", "payments-b"));
        Assert.Null(_probe.Gauge(ExpiryGauge, "account", "payments-a"));
    }

    [Fact]
    public async Task Forgetting_the_last_account_of_a_role_drops_its_session()
    {
        var source = _cache.Source(Payments());
        await _cache.AssumeAsync("payments", Payments(), Ct);
        _cache.Forget("payments", Payments());
        Assert.Throws<AccountRefusedException>(() => _cache.Source(Payments())());
        await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(2, _aws.Calls.Count);
        Assert.Equal(_cache.Source(Payments())(), source());
    }

    [Fact]
    public async Task The_assume_counter_and_the_expiry_gauge_follow_the_sessions()
    {
        Assert.Null(_probe.Gauge(ExpiryGauge, "account", "payments"));
        var first = await _cache.AssumeAsync("payments", Payments(), Ct);
        await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(1, Assumes("payments", AwsOutcomes.Success));
        Assert.Equal(first.Credentials.Expiration.ToUnixTimeSeconds(), _probe.Gauge(ExpiryGauge, "account", "payments"));

        _time.Advance(TimeSpan.FromMinutes(55));
        var refreshed = await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(2, Assumes("payments", AwsOutcomes.Success));
        Assert.Equal(refreshed.Credentials.Expiration.ToUnixTimeSeconds(), _probe.Gauge(ExpiryGauge, "account", "payments"));

        _aws.Refuse(SearchRole);
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("search", Search(), Ct));
        await Assert.ThrowsAsync<AccountRefusedException>(() => _cache.AssumeAsync("search", Search(), Ct));
        Assert.Equal(1, Assumes("search", AwsOutcomes.Error));
        Assert.Equal(0, Assumes("search", AwsOutcomes.Success));
        Assert.Null(_probe.Gauge(ExpiryGauge, "account", "search"));

        _cache.Forget("payments", Payments());
        Assert.Null(_probe.Gauge(ExpiryGauge, "account", "payments"));
        await _cache.AssumeAsync("payments", Payments(), Ct);
        Assert.Equal(3, Assumes("payments", AwsOutcomes.Success));
    }
}
