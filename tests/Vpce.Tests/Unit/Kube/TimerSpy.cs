using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit.Kube;

/// <summary>A virtual clock that says when a timer is set on it and for how long, so a test moves the clock exactly when the
/// code under test has started to wait, and checks what it waits for.</summary>
internal sealed class TimerSpy(FakeTimeProvider clock) : TimeProvider
{
    private readonly Channel<TimeSpan> _set = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Clock => clock;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        _set.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer set, in the order they were set; waits (in real time, as a safety net) until
    /// one is.</summary>
    public Task<TimeSpan> NextTimerAsync() => _set.Reader.ReadAsync().AsTask().WaitAsync(TestObjects.Patience);
}
