using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The one resilience pipeline every AWS call passes through: a client-side token bucket per region and action class,
/// a circuit breaker per region and service for outages, and a per-call timeout. No retries here: the SDK retries in standard
/// mode, and throttled work goes back to the work queue with backoff. Every call is counted in the AWS metrics.</summary>
public sealed class AwsCallGuard(AwsResilienceOptions options, OperatorMetrics metrics, TimeProvider time)
{
    // One breaker (and timeout) per region and service: an outage is the service's. One bucket per region, service and class.
    private readonly ConcurrentDictionary<(string Region, string Service), Lazy<ResiliencePipeline>> _pipelines = new();
    private readonly ConcurrentDictionary<(string Region, string Service, AwsActionClass Class), Lazy<TokenBucket>> _buckets = new();

    public async Task<T> CallAsync<T>(string region, string service, string operation, AwsActionClass actionClass,
        Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var pipeline = _pipelines.GetOrAdd((region, service), key => new Lazy<ResiliencePipeline>(() => Build())).Value;
        var bucket = _buckets.GetOrAdd((region, service, actionClass), key => new Lazy<TokenBucket>(() => NewBucket(key.Class))).Value;
        if (!bucket.TryTake())
        {
            metrics.RecordAwsRequest(service, operation, AwsOutcomes.Throttled, TimeSpan.Zero);
            throw new AwsApiException(AwsErrorCodes.RequestLimitExceeded,
                $"client-side rate limit for {service} {actionClass} calls in {region}", 429);
        }
        var started = time.GetTimestamp();
        try
        {
            var result = await pipeline.ExecuteAsync(async token => await call(token), ct);
            metrics.RecordAwsRequest(service, operation, AwsOutcomes.Success, time.GetElapsedTime(started));
            return result;
        }
        catch (BrokenCircuitException e)
        {
            metrics.RecordAwsRequest(service, operation, AwsOutcomes.Error, time.GetElapsedTime(started));
            throw new AwsUnavailableException($"{service} in {region} is failing; calls are paused ({e.Message})", e);
        }
        catch (TimeoutRejectedException e)
        {
            metrics.RecordAwsRequest(service, operation, AwsOutcomes.Error, time.GetElapsedTime(started));
            throw new AwsUnavailableException($"{service} {operation} in {region} took longer than {options.CallTimeout.TotalSeconds:0}s", e);
        }
        catch (AwsApiException e)
        {
            metrics.RecordAwsRequest(service, operation, e.IsThrottling ? AwsOutcomes.Throttled : AwsOutcomes.Error, time.GetElapsedTime(started));
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            metrics.RecordAwsRequest(service, operation, AwsOutcomes.Error, time.GetElapsedTime(started));
            throw;
        }
    }

    public Task CallAsync(string region, string service, string operation, AwsActionClass actionClass,
        Func<CancellationToken, Task> call, CancellationToken ct) =>
        CallAsync(region, service, operation, actionClass, async token => { await call(token); return true; }, ct);

    private TokenBucket NewBucket(AwsActionClass actionClass)
    {
        var (burst, rate) = actionClass switch
        {
            AwsActionClass.Mutation => (options.MutationBurst, options.MutationsPerSecond),
            AwsActionClass.Describe => (options.DescribeBurst, options.DescribesPerSecond),
            _ => (options.OtherBurst, options.OtherPerSecond),
        };
        return new TokenBucket(rate, burst, time);
    }

    private ResiliencePipeline Build() =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<AwsUnavailableException>().Handle<TimeoutRejectedException>()
                    .Handle<AwsApiException>(e => e.StatusCode >= 500 && !e.IsThrottling),
            })
            .AddTimeout(options.CallTimeout)
            .Build();

}
