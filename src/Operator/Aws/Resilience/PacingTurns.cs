using System.Collections.Concurrent;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>Tokens reserved for an object whose reconcile gave its worker back rather than wait long for them: the object
/// comes back when its turn is due and takes the token it holds, so waiting in the work queue keeps its place in the line
/// and one region's queue never holds the workers another region could use. A turn remembers how many tokens it holds (a
/// call of two requests, a listing's pages), so the call that takes it knows what it has paid for. A turn not taken within a grace period after
/// it fell due (the object was deleted or no longer needs the call) is dropped; its token is simply spent.</summary>
public sealed class PacingTurns(TimeProvider time)
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Region, string Service, AwsActionClass Class, ResourceKey Key), (DateTimeOffset Due, int Tokens)> _due = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public int Count => _due.Count;

    /// <summary>Takes the object's turn for this bucket, if it holds one: when it is due, and the tokens reserved for it.</summary>
    public bool TryTake(string region, string service, AwsActionClass actionClass, ResourceKey key, out DateTimeOffset due, out int tokens)
    {
        var taken = _due.TryRemove((region, service, actionClass, key), out var turn);
        (due, tokens) = turn;
        return taken;
    }

    public void Hold(string region, string service, AwsActionClass actionClass, ResourceKey key, DateTimeOffset due, int tokens)
    {
        _due[(region, service, actionClass, key)] = (due, tokens);
        Sweep();
    }

    public void EvictRegion(string region)
    {
        foreach (var turn in _due.Keys.Where(k => k.Region == region).ToList())
        {
            _due.TryRemove(turn, out _);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        if (now - _lastSweep < TimeSpan.FromMinutes(1))
        {
            return;
        }
        _lastSweep = now;
        foreach (var (turn, (due, _)) in _due)
        {
            if (now - due > Grace)
            {
                _due.TryRemove(turn, out _);
            }
        }
    }
}
