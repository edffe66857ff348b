using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit.Kube;

/// <summary>The expiry rule on the candidate's polls alone: the first record is counted from when it was seen; a change is
/// dated from the previous poll (never earlier than a retry period before the poll that saw it); a released Lease or
/// the candidate's own is free at once; the next try lands on the expiry instead of up to a period after it.</summary>
public sealed class LeaseExpiryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    private static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    private static LeaseExpiry Seen(LeaseExpiry? previous, string version, double at, string holder = "leader", int duration = 15) =>
        LeaseExpiry.Observe(previous, version, holder, duration, At(at), Retry);

    [Fact]
    public void The_first_record_seen_is_counted_from_when_it_was_seen()
    {
        var seen = Seen(null, "1", 0);
        Assert.Equal(At(15), seen.ExpiresAt);
        Assert.False(seen.IsFreeFor("me", At(14.999)));
        Assert.True(seen.IsFreeFor("me", At(15)));
    }

    [Fact]
    public void A_change_is_dated_from_the_previous_poll_that_still_saw_the_old_record()
    {
        var seen = Seen(Seen(Seen(null, "1", 0), "1", 2), "2", 4);
        Assert.Equal(At(2), seen.RenewedNoEarlierThan);
        Assert.Equal(At(17), seen.ExpiresAt);
    }

    [Fact]
    public void Seeing_the_same_record_again_does_not_move_the_expiry()
    {
        var seen = Seen(Seen(Seen(Seen(null, "1", 0), "1", 2), "2", 4), "2", 6);
        Assert.Equal((At(17), At(6)), (seen.ExpiresAt, seen.LastSeen));
    }

    [Fact]
    public void After_a_gap_in_the_polls_a_change_is_dated_no_earlier_than_a_retry_period_before_the_poll_that_saw_it()
    {
        // Reads failed between 0 s and 10 s: the renewal may have been at 9.9 s, so 0 s would date it too early.
        var seen = Seen(Seen(null, "1", 0), "2", 10);
        Assert.Equal((At(8), At(23)), (seen.RenewedNoEarlierThan, seen.ExpiresAt));
    }

    [Fact]
    public void The_records_own_lease_duration_counts()
    {
        var seen = Seen(Seen(null, "1", 0, duration: 30), "2", 2, duration: 30);
        Assert.Equal(At(30), seen.ExpiresAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_released_lease_is_free_at_once(string? holder)
    {
        var seen = LeaseExpiry.Observe(Seen(null, "1", 0), "2", holder, 1, At(3), Retry);
        Assert.True(seen.IsReleased);
        Assert.True(seen.IsFreeFor("me", At(3)));
        // A try at it that failed (another candidate won) waits a retry period, not zero.
        Assert.Equal(Retry, seen.NextTryIn(At(3), Retry));
    }

    [Fact]
    public void The_candidates_own_lease_is_free_for_it_and_no_one_else()
    {
        var seen = Seen(null, "1", 0, holder: "me");
        Assert.True(seen.IsFreeFor("me", At(0)));
        Assert.False(seen.IsFreeFor("other", At(0)));
    }

    [Theory]
    [InlineData(0, 2000)] // 17 s away: a retry period
    [InlineData(15_000, 2000)] // exactly a period away
    [InlineData(15_300, 1700)] // closer: exactly at the expiry
    [InlineData(16_990, 10)]
    [InlineData(17_000, 2000)] // free already (a try failed): a full period
    [InlineData(20_000, 2000)]
    public void The_next_try_is_a_retry_period_or_sooner_to_land_on_the_expiry(int nowMs, int waitMs)
    {
        var seen = Seen(Seen(Seen(null, "1", 0), "1", 2), "2", 4);
        Assert.Equal(TimeSpan.FromMilliseconds(waitMs), seen.NextTryIn(T0 + TimeSpan.FromMilliseconds(nowMs), Retry));
    }

    /// <summary>Polls at any gaps (some long, as when reads fail) around one renewal: the expiry is never sooner than
    /// renewal + lease duration − retry period (so never before the old leader stops, at renewal + renew deadline); and
    /// when no gap exceeds the retry period it is no later than renewal + lease duration.</summary>
    [Property(MaxTest = 500)]
    public Property A_renewal_between_two_polls_gives_an_expiry_within_a_retry_period_before_renewal_plus_the_lease_duration() =>
        Prop.ForAll(PollsAroundARenewal().ToArbitrary(), polls =>
        {
            var (gaps, renewedBefore, fraction) = polls;
            LeaseExpiry? seen = null;
            var t = TimeSpan.Zero;
            var renewal = TimeSpan.Zero;
            for (var i = 0; i < gaps.Length; i++)
            {
                // Inside (previous poll, this poll]: the first poll to see it is poll renewedBefore.
                if (i == renewedBefore) renewal = t + TimeSpan.FromMilliseconds(gaps[i] * fraction);
                t += TimeSpan.FromMilliseconds(gaps[i]);
                seen = LeaseExpiry.Observe(seen, i >= renewedBefore ? "2" : "1", "leader", 15, T0 + t, Retry);
            }
            var expiry = seen!.ExpiresAt - T0;
            var safe = expiry >= renewal + TimeSpan.FromSeconds(15) - Retry;
            var prompt = gaps.Any(g => g > Retry.TotalMilliseconds) || expiry <= renewal + TimeSpan.FromSeconds(15);
            return (safe && prompt).Label($"renewal {renewal}, expiry {expiry}");
        });

    /// <summary>A candidate waiting <see cref="LeaseExpiry.NextTryIn"/> between polls, against a holder renewing every retry
    /// period at any phase and killed at any instant: it takes over at most the lease duration after the kill, no sooner
    /// than lease duration − 2 × retry period after it, and never before the lease duration − retry period after the last
    /// renewal.</summary>
    [Property(MaxTest = 500)]
    public Property A_candidate_polling_by_the_rule_takes_over_within_the_lease_duration_of_a_hard_kill() =>
        Prop.ForAll(HolderSchedule().ToArbitrary(), schedule =>
        {
            var (phase, renewals, killDelay) = schedule;
            var retry = Retry.TotalMilliseconds;
            var renewedAt = Enumerable.Range(0, renewals).Select(i => phase + i * retry).ToArray();
            var killedAt = renewedAt[^1] + killDelay;
            LeaseExpiry? seen = null;
            var t = 0.0;
            for (var polls = 0; polls < 100; polls++)
            {
                var version = renewedAt.Count(r => r <= t).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var now = T0 + TimeSpan.FromMilliseconds(t);
                seen = LeaseExpiry.Observe(seen, version, "leader", 15, now, Retry);
                if (seen.IsFreeFor("me", now)) break;
                t += seen.NextTryIn(now, Retry).TotalMilliseconds;
            }
            var takeover = t - killedAt;
            var ok = takeover <= 15_000 && takeover >= 15_000 - 2 * retry && t - renewedAt[^1] >= 15_000 - retry;
            return ok.Label($"renewals at {string.Join(",", renewedAt)}, killed at {killedAt}, took over at {t}");
        });

    /// <summary>Gaps before each poll in ms (mostly up to a retry period, sometimes up to 10 s), the first poll that sees
    /// the renewal (never the first poll of all), and where in the gap before it the renewal falls (0, 1].</summary>
    private static Gen<(int[] Gaps, int RenewedBefore, double Fraction)> PollsAroundARenewal() =>
        from count in Gen.Choose(2, 8)
        from gaps in Gen.Frequency((4, Gen.Choose(1, 2000)), (1, Gen.Choose(2001, 10_000))).ArrayOf(count)
        from renewedBefore in Gen.Choose(1, count - 1)
        from thousandths in Gen.Choose(1, 1000)
        select (gaps, renewedBefore, thousandths / 1000.0);

    /// <summary>The holder's first renewal (ms after the candidate's first poll, within a period), how many it makes, and
    /// how long after the last one it is killed (ms, within a period).</summary>
    private static Gen<(double Phase, int Renewals, double KillDelay)> HolderSchedule() =>
        from phase in Gen.Choose(1, 2000)
        from renewals in Gen.Choose(1, 6)
        from kill in Gen.Choose(0, 1999)
        select ((double)phase, renewals, (double)kill);
}
