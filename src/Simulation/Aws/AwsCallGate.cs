using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// What every simulated API call passes before it touches the world: it is counted, delayed by any injected
/// latency, refused during an outage or by an injected failure, and (EC2 only, when enabled) throttled by the
/// token bucket of its region and action class.
/// </summary>
internal sealed class AwsCallGate(TimeProvider time, AwsSimulatorOptions options, AwsCallCounter calls, AwsFaults faults)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Region, Ec2ActionClass Class), TokenBucket> _buckets = new();

    public async Task PassAsync(string operation, string? region, Ec2ActionClass? actionClass, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        calls.Record(operation, region);
        var latency = faults.LatencyFor(operation);
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, time, ct).ConfigureAwait(false);
        if (faults.IsOutage)
            throw new AwsUnavailableException($"Simulated AWS outage: {operation} could not be served.");
        if (faults.TakeFailure(operation) is { } failure)
            throw failure;
        if (actionClass is { } cls && region is not null && options.Throttling.Enabled && !TryTakeToken(region, cls))
        {
            calls.RecordThrottled(operation);
            throw Ec2Errors.RequestLimitExceeded();
        }
    }

    /// <summary>Between two pages of a listing: what a test changes there (<see cref="AwsFaults.BetweenPages"/>) happens now.</summary>
    public void BetweenPages(string operation) => faults.TakeBetweenPages(operation)?.Invoke();

    private bool TryTakeToken(string region, Ec2ActionClass actionClass)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (!_buckets.TryGetValue((region, actionClass), out var bucket))
                _buckets[(region, actionClass)] = bucket = new TokenBucket(options.Throttling.For(actionClass), now);
            return bucket.TryTake(now);
        }
    }
}
