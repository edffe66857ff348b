using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Kube;

/// <summary>Leader election on a coordination.k8s.io/v1 Lease, written as client-go writes it (holderIdentity,
/// leaseDurationSeconds, acquireTime and renewTime as MicroTime, leaseTransitions). A candidate polls every retry period
/// and takes the Lease once it has run out by <see cref="LeaseExpiry"/> (on this process's clock, from its polls: a
/// renewal is dated from the poll before the one that saw it, so a standby takes over at most the lease duration after
/// a hard kill), trying exactly when it runs out rather than up to a period later. Writes carry the resourceVersion
/// read, so of two candidates only one wins (the other gets 409 Conflict). The leader renews every retry period and
/// stops leading when no renewal succeeded within the renew deadline of the last one that did. On a clean shutdown
/// the Lease is released (empty holder, duration 1 s) and a standby takes it at its next try.</summary>
public sealed class KubeLeaderElection : ILeaderElection
{
    public const string DefaultLeaseName = "vpce-operator-leader";

    /// <summary>How long a release may take. It only spares the standby the wait for the lease to run out, so an API server
    /// that does not answer (the very outage that may have cost the lease) must not hold up the process's exit.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _leaseName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private LeaseExpiry? _seen;

    public KubeLeaderElection(IKubernetes client, string @namespace, string leaseName = DefaultLeaseName, string? identity = null,
        LeaseTimings? timings = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        _namespace = @namespace;
        _leaseName = leaseName;
        Identity = identity ?? DefaultIdentity();
        Timings = timings ?? LeaseTimings.Default;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Identity { get; }

    public LeaseTimings Timings { get; }

    /// <summary>hostname_pid: unique per process, readable in the Lease.</summary>
    public static string DefaultIdentity() => $"{Environment.MachineName}_{Environment.ProcessId}";

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken ct)
    {
        var acquiredAttempt = await AcquireAsync(ct).ConfigureAwait(false);
        if (acquiredAttempt is not { } renewed) return;
        _logger.LogInformation("acquired lease {Namespace}/{Lease} as {Identity}", _namespace, _leaseName, Identity);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var work = Task.Run(() => whileLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewWhileLeadingAsync(renewed, work, ct).ConfigureAwait(false);
        }
        finally
        {
            _logger.LogInformation("stopped leading ({Identity})", Identity);
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            finally
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls until this process holds the Lease; the instant its winning attempt started, or null when cancelled.</summary>
    private async Task<DateTimeOffset?> AcquireAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var attempt = _time.GetUtcNow();
                var (won, nextTry) = await TryAcquireOrRenewAsync(ct).ConfigureAwait(false);
                if (won) return attempt;
                await Task.Delay(nextTry, _time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Renews every retry period until <paramref name="work"/> ends, <paramref name="ct"/> is cancelled, or no
    /// renewal succeeded within the renew deadline of <paramref name="renewed"/> (the start of the last one that did).</summary>
    private async Task RenewWhileLeadingAsync(DateTimeOffset renewed, Task work, CancellationToken ct)
    {
        while (true)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var period = Task.Delay(Timings.RetryPeriod, _time, wait.Token);
                await Task.WhenAny(period, work).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }
            if (work.IsCompleted || ct.IsCancellationRequested) return;
            var attempt = _time.GetUtcNow();
            var left = renewed + Timings.RenewDeadline - attempt;
            if (left <= TimeSpan.Zero)
            {
                LogLost();
                return;
            }
            // A call still hanging at the deadline is abandoned: the old leader must have stopped by then, as LeaseTimings
            // promises (a standby takes over no sooner than renewed + lease duration − retry period).
            using var deadline = new CancellationTokenSource(left, _time);
            using var call = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            var won = false;
            try
            {
                (won, _) = await TryAcquireOrRenewAsync(call.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The deadline passed during the call, or shutdown (the next line returns).
            }
            if (ct.IsCancellationRequested) return;
            if (won) renewed = attempt;
            else if (_time.GetUtcNow() - renewed >= Timings.RenewDeadline)
            {
                LogLost();
                return;
            }
        }
    }

    private void LogLost() =>
        _logger.LogWarning("no renewal of lease {Namespace}/{Lease} succeeded within {RenewDeadline}", _namespace, _leaseName, Timings.RenewDeadline);

    /// <summary>One poll of the Lease and, when it is free for this process, a write; when not won, the wait before the next
    /// poll. Fails only by cancellation of <paramref name="ct"/>: errors of the API are a lost try.</summary>
    private async Task<(bool Won, TimeSpan NextTry)> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        try
        {
            var current = await ReadAsync(ct).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (current is null)
            {
                var created = await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = _leaseName, NamespaceProperty = _namespace },
                    Spec = new V1LeaseSpec
                    {
                        HolderIdentity = Identity,
                        LeaseDurationSeconds = Timings.LeaseDurationSeconds,
                        AcquireTime = now.UtcDateTime,
                        RenewTime = now.UtcDateTime,
                        LeaseTransitions = 0,
                    },
                }, _namespace, cancellationToken: ct).ConfigureAwait(false);
                Observe(created);
                return (true, Timings.RetryPeriod);
            }
            var seen = Observe(current);
            if (!seen.IsFreeFor(Identity, now)) return (false, seen.NextTryIn(_time.GetUtcNow(), Timings.RetryPeriod));
            var spec = current.Spec ?? new V1LeaseSpec();
            var mine = spec.HolderIdentity == Identity;
            current.Spec = new V1LeaseSpec
            {
                HolderIdentity = Identity,
                LeaseDurationSeconds = Timings.LeaseDurationSeconds,
                AcquireTime = mine ? spec.AcquireTime : now.UtcDateTime,
                RenewTime = now.UtcDateTime,
                LeaseTransitions = mine ? spec.LeaseTransitions : (spec.LeaseTransitions ?? 0) + 1,
            };
            // current.Metadata keeps the resourceVersion read: the write fails with 409 if the Lease changed since.
            var replaced = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(current, _leaseName, _namespace, cancellationToken: ct)
                .ConfigureAwait(false);
            Observe(replaced);
            return (true, Timings.RetryPeriod);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another candidate wrote (or created) the Lease first: lost this race; the next poll sees its record.
            _logger.LogDebug("lease {Namespace}/{Lease} changed under this try", _namespace, _leaseName);
            return (false, _seen?.NextTryIn(_time.GetUtcNow(), Timings.RetryPeriod) ?? Timings.RetryPeriod);
        }
        catch (Exception e) when (IsApiFault(e, ct))
        {
            // The API server away or refusing: a lost try, one line each (the renew deadline decides what it costs).
            _logger.LogWarning("leader election on lease {Namespace}/{Lease}: {Error}", _namespace, _leaseName, e.Message);
            return (false, Timings.RetryPeriod);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogWarning(e, "leader election error on lease {Namespace}/{Lease}", _namespace, _leaseName);
            return (false, Timings.RetryPeriod);
        }
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await _client.CoordinationV1.ReadNamespacedLeaseAsync(_leaseName, _namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Seen now, when the response arrived: the lower bound of a renewal is the previous such instant.</summary>
    private LeaseExpiry Observe(V1Lease lease) =>
        _seen = LeaseExpiry.Observe(_seen, lease.Metadata?.ResourceVersion ?? "", lease.Spec?.HolderIdentity,
            lease.Spec?.LeaseDurationSeconds ?? 0, _time.GetUtcNow(), Timings.RetryPeriod);

    /// <summary>Best effort, bounded by <see cref="ReleaseTimeout"/>: whatever goes wrong, the Lease runs out by itself, so a
    /// failure is one line and never the way the process ends.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout, _time);
        try
        {
            var lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != Identity) return;
            // Empty, not null, as client-go releases: a candidate takes it at its next try.
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _leaseName, _namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("released lease {Namespace}/{Lease}", _namespace, _leaseName);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Someone else holds or removed it: nothing to release.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _logger.LogWarning("could not release lease {Namespace}/{Lease} within {Timeout}; it runs out by itself", _namespace, _leaseName, ReleaseTimeout);
        }
        catch (Exception e) when (IsApiFault(e, timeout.Token))
        {
            _logger.LogWarning("could not release lease {Namespace}/{Lease}; it runs out by itself: {Error}", _namespace, _leaseName, e.Message);
        }
    }

    /// <summary>What the API server does to a call when it is away or refuses it: the faults election rides out.</summary>
    private static bool IsApiFault(Exception e, CancellationToken ct) => e is HttpOperationException || KubeUnreachable.Is(e, ct);
}
