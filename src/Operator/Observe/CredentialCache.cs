using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Assumed-role credentials kept per role (with its chain, External ID and session tags), not fetched per reconcile:
/// one AssumeRole when first needed, again five minutes before they expire, shared by every object of the account (ACK's
/// runtime builds a provider per reconcile; Crossplane needed a cache after provider-aws#828). A failed assume backs off per
/// role, so a broken account costs STS one call per backoff step and never waits on another account's.</summary>
public sealed class CredentialCache(IAwsApis own, string region, string sessionName, TimeProvider time, OperatorMetrics metrics)
{
    /// <summary>A chained session lasts at most an hour (AWS), so every session asks for one.</summary>
    public static readonly TimeSpan SessionDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    /// <summary>Credentials AWS refused are assumed anew only when older than this: a storm of refusals renews once.</summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RoleSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>The RoleSessionName every assume uses: which operator acted, as CloudTrail in the workload account shows it.</summary>
    public string SessionName { get; } = sessionName;

    /// <summary>vpce-operator-CLUSTER, in STS's 2-64 characters of [\w+=,.@-].</summary>
    public static string SessionNameFor(string clusterName)
    {
        var name = new StringBuilder("vpce-operator-");
        foreach (var c in clusterName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c) ? c : '-');
        }
        return name.Length > 64 ? name.ToString(0, 64) : name.ToString();
    }

    /// <summary>Credentials valid for at least <see cref="RefreshBefore"/>: kept ones, or a new session.</summary>
    /// <exception cref="AccountRefusedException">STS refused now, or lately and the backoff is still running.</exception>
    /// <param name="renew">AWS refused the kept credentials (expired early, revoked): a session older than a minute is
    /// assumed anew, backoff permitting.</param>
    public async Task<AssumedRole> AssumeAsync(string label, AwsAccountSpec spec, CancellationToken ct, bool renew = false)
    {
        var session = _sessions.GetOrAdd(KeyOf(spec), _ => new RoleSession());
        session.Labels.TryAdd(label, 0);
        if (session.Fresh(time.GetUtcNow(), renew) is { } kept)
        {
            return kept;
        }
        await session.Gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (session.Fresh(now, renew) is { } assumedMeanwhile)
            {
                return assumedMeanwhile;
            }
            if (session.RetryAt > now)
            {
                throw new AccountRefusedException(AccountReasons.AssumeRoleFailed, $"{session.LastError} (next try in {(session.RetryAt - now).TotalSeconds:0}s)");
            }
            try
            {
                var assumed = await AssumeChainAsync(label, spec, ct);
                session.Succeeded(assumed, now);
                foreach (var sharing in session.Labels.Keys)
                {
                    metrics.SetCredentialsExpiry(sharing, assumed.Credentials.Expiration);
                }
                return assumed;
            }
            catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
            {
                var message = $"cannot assume role {spec.RoleArn}: {e.Message}";
                session.Failed(message, now);
                throw new AccountRefusedException(AccountReasons.AssumeRoleFailed, message, e);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>What an account's ports ask before every request: the current credentials of the role's session, looked up at
    /// each request (a session dropped and assumed again is the new one, never the dropped one's last credentials).</summary>
    public Func<AwsSessionCredentials> Source(AwsAccountSpec spec)
    {
        var key = KeyOf(spec);
        var role = spec.RoleArn;
        return () => (_sessions.TryGetValue(key, out var session) ? session.Current : null)?.Credentials
            ?? throw new AccountRefusedException(AccountReasons.AssumeRoleFailed, $"no session for role {role} yet");
    }

    /// <summary>The account is gone: its expiry series goes, and its session with the last account that shares it.</summary>
    public void Forget(string label, AwsAccountSpec spec)
    {
        var key = KeyOf(spec);
        if (_sessions.TryGetValue(key, out var session))
        {
            session.Labels.TryRemove(label, out _);
            if (session.Labels.IsEmpty)
            {
                _sessions.TryRemove(KeyValuePair.Create(key, session));
            }
        }
        metrics.SetCredentialsExpiry(label, null);
    }

    // Hub → spoke: each hop assumes the next with the credentials of the one before; the External ID and session tags are
    // the last role's (the spoke's trust asks for them).
    private async Task<AssumedRole> AssumeChainAsync(string label, AwsAccountSpec spec, CancellationToken ct)
    {
        var sts = own.Sts;
        AssumedRole? assumed = null;
        var hops = (spec.RoleChain ?? []).Append(spec.RoleArn!).ToList();
        for (var i = 0; i < hops.Count; i++)
        {
            var last = i == hops.Count - 1;
            var request = new AssumeRoleRequest(hops[i], SessionName, last ? spec.ExternalId : null, last ? spec.SessionTags : null, SessionDuration);
            try
            {
                assumed = await sts.AssumeRoleAsync(region, request, ct);
                metrics.RecordAssumeRole(label, AwsOutcomes.Success);
            }
            catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
            {
                metrics.RecordAssumeRole(label, AwsOutcomes.Error);
                throw;
            }
            if (!last)
            {
                var hop = assumed;
                sts = own.ActingAs(() => hop.Credentials).Sts;
            }
        }
        return assumed!;
    }

    // Asked twice in every reconcile of an object in a named account (its session, its scope): built once per spec, which is
    // the informer's and never changed in place (a new version is a new spec).
    private static readonly ConditionalWeakTable<AwsAccountSpec, string> Keys = new();

    /// <summary>What makes two sessions the same: the chain, the role, the External ID and the session tags.</summary>
    public static string KeyOf(AwsAccountSpec spec) => Keys.GetValue(spec, static s => BuildKey(s));

    private static string BuildKey(AwsAccountSpec spec) =>
        string.Join('\n', (spec.RoleChain ?? []).Append(spec.RoleArn ?? "")) + "\n" + spec.ExternalId + "\n"
        + string.Join(',', (spec.SessionTags ?? []).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private sealed class RoleSession
    {
        private int _failures;

        public SemaphoreSlim Gate { get; } = new(1, 1);
        /// <summary>The AwsAccounts that use this session (several may name one role).</summary>
        public ConcurrentDictionary<string, byte> Labels { get; } = new(StringComparer.Ordinal);
        public AssumedRole? Current { get; private set; }
        public DateTimeOffset RetryAt { get; private set; }
        public string? LastError { get; private set; }

        public DateTimeOffset AssumedAt { get; private set; }

        public AssumedRole? Fresh(DateTimeOffset now, bool renew = false) =>
            Current is { } current && current.Credentials.Expiration - RefreshBefore > now && !(renew && now - AssumedAt > RenewAfter) ? current : null;

        public void Succeeded(AssumedRole assumed, DateTimeOffset now)
        {
            Current = assumed;
            AssumedAt = now;
            _failures = 0;
            LastError = null;
            RetryAt = DateTimeOffset.MinValue;
        }

        public void Failed(string message, DateTimeOffset now)
        {
            _failures++;
            LastError = message;
            var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(_failures - 1, 16)));
            RetryAt = now + backoff;
        }
    }
}
