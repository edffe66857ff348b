using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>What a read may be believed about, after a create or delete of the operator's own (<see cref="UnconfirmedCall"/>):
/// EC2 is eventually consistent, so a read that does not show what the call did means nothing until the call is confirmed
/// (a read showed its result) or <see cref="ReconcileSettings.PropagationWait"/> has passed. Pure.</summary>
public static class UnconfirmedCalls
{
    private static readonly TimeSpan MinLook = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxLook = TimeSpan.FromSeconds(30);

    /// <summary>The call, when it is a <paramref name="action"/> that reads may not show yet.</summary>
    public static UnconfirmedCall? Unseen(UnconfirmedCall? call, string action, DateTimeOffset now, TimeSpan wait) =>
        call is { } c && c.Action == action && now - c.RequestedAt < wait ? c : null;

    /// <summary>How soon to read again: a couple of seconds at first, growing with the call's age (AWS's advice: back off
    /// from a couple of seconds), at most half a minute.</summary>
    public static TimeSpan LookAgainIn(UnconfirmedCall call, DateTimeOffset now)
    {
        var delay = TimeSpan.FromTicks(Math.Max((now - call.RequestedAt).Ticks / 4, MinLook.Ticks));
        return delay > MaxLook ? MaxLook : delay;
    }

    public static string Age(UnconfirmedCall call, DateTimeOffset now) => $"{Math.Max(0, (int)(now - call.RequestedAt).TotalSeconds)} s";
}
