using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The pages of one Describe while it runs. The first <paramref name="paidUpFront"/> requests had their tokens taken
/// before the call; every page past those takes its own token before it is requested and waits for it like any caller, as
/// long as that leaves the request its share of the call's deadline. So a listing longer than expected (the first of its
/// shape) spreads its pages over the bucket's rate instead of bursting past AWS's limit.</summary>
internal sealed class ListingPages(TokenBucket bucket, int paidUpFront, DateTimeOffset pagesDeadline, TimeProvider time, string what)
{
    private int _requested = 1;

    /// <summary>The requests made or being made so far (the first page counts from the start).</summary>
    public int Requested => Volatile.Read(ref _requested);

    public async Task BeforeFurtherPageAsync(CancellationToken ct)
    {
        var page = Interlocked.Increment(ref _requested);
        if (page <= paidUpFront)
        {
            return;
        }
        var left = pagesDeadline - time.GetUtcNow();
        if (!bucket.TryReserve(left > TimeSpan.Zero ? left : TimeSpan.Zero, out var wait))
        {
            // Our own pacing, like a first token too far away: a later look, not a failure.
            throw new AwsCallPacedException($"{what} is paced; page {page}'s token is {wait.TotalSeconds:0.0}s away, past the call's deadline", wait);
        }
        if (wait > TimeSpan.Zero)
        {
            await TimedWaits.DelayAsync(wait, time, ct);
        }
    }
}
