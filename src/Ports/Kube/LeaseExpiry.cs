namespace Vpce.Ports.Kube;

/// <summary>When a Lease runs out for a candidate, from what the candidate saw at its polls and its own clock alone (never
/// the holder's renewTime: two machines' clocks need not agree). A poll that sees a new record (another resourceVersion)
/// after one that saw the old record dates the renewal inside (previous poll, this poll]: it is counted from the lower
/// bound, the previous poll, so the candidate takes over no later than the lease duration after the renewal; but never
/// from earlier than one retry period before this poll, so that a gap in the polls (a failed read) cannot date a renewal
/// too early. The first record ever seen is counted from when it was seen, as client-go does. A released Lease (no
/// holder) and this candidate's own are free at once. Immutable: each poll makes the next one.</summary>
public sealed record LeaseExpiry
{
    private LeaseExpiry(string version, string holder, TimeSpan leaseDuration, DateTimeOffset lastSeen, DateTimeOffset renewedNoEarlierThan)
    {
        Version = version;
        Holder = holder;
        LeaseDuration = leaseDuration;
        LastSeen = lastSeen;
        RenewedNoEarlierThan = renewedNoEarlierThan;
    }

    /// <summary>The record's resourceVersion: any write to the Lease changes it.</summary>
    public string Version { get; }

    /// <summary>holderIdentity; empty when released.</summary>
    public string Holder { get; }

    /// <summary>The record's leaseDurationSeconds.</summary>
    public TimeSpan LeaseDuration { get; }

    /// <summary>The latest poll that saw this record.</summary>
    public DateTimeOffset LastSeen { get; private init; }

    /// <summary>The earliest instant the holder can have written this record, on this candidate's clock.</summary>
    public DateTimeOffset RenewedNoEarlierThan { get; }

    public bool IsReleased => Holder.Length == 0;

    /// <summary>When the Lease is free to take: at once when released; else the lease duration after the renewal's lower bound.</summary>
    public DateTimeOffset ExpiresAt => IsReleased ? LastSeen : RenewedNoEarlierThan + LeaseDuration;

    /// <summary>The Lease as seen by a poll at <paramref name="now"/>, after <paramref name="previous"/> (null: the first poll
    /// that found the Lease).</summary>
    public static LeaseExpiry Observe(
        LeaseExpiry? previous, string version, string? holder, int leaseDurationSeconds, DateTimeOffset now, TimeSpan retryPeriod)
    {
        var duration = TimeSpan.FromSeconds(leaseDurationSeconds);
        if (previous is null) return new LeaseExpiry(version, holder ?? "", duration, now, now);
        if (previous.Version == version) return previous with { LastSeen = now };
        var lowerBound = previous.LastSeen > now - retryPeriod ? previous.LastSeen : now - retryPeriod;
        return new LeaseExpiry(version, holder ?? "", duration, now, lowerBound);
    }

    /// <summary>True when <paramref name="identity"/> may write the Lease now: released, its own, or run out.</summary>
    public bool IsFreeFor(string identity, DateTimeOffset now) => IsReleased || Holder == identity || now >= ExpiresAt;

    /// <summary>How long to wait before the next try: a retry period, or less so as to try exactly when the Lease runs out.
    /// A Lease already free (a try that failed) waits a full period, so failing writes do not spin.</summary>
    public TimeSpan NextTryIn(DateTimeOffset now, TimeSpan retryPeriod)
    {
        var left = ExpiresAt - now;
        return left > TimeSpan.Zero && left < retryPeriod ? left : retryPeriod;
    }
}
