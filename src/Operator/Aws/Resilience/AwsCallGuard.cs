using System.Collections.Concurrent;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Polly;
using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The one resilience pipeline every AWS call passes through: a client-side token bucket per region and action class
/// (a caller waits for its token),
/// a circuit breaker per region and service for outages, and a per-call timeout. No retries here: the SDK retries in standard
/// mode, and throttled work goes back to the work queue with backoff. Every call is counted in the AWS metrics.</summary>
/// <remarks>Given <see cref="RegionsInUse"/>, a region's pipelines and buckets are dropped when its last object leaves.</remarks>
public sealed class AwsCallGuard
{
    // One breaker (and timeout) per region and service: an outage is the service's. One bucket per region, service and class.
    private readonly ConcurrentDictionary<(string Region, string Service), Lazy<ResiliencePipeline>> _pipelines = new();
    private readonly ConcurrentDictionary<(string Region, string Service, AwsActionClass Class), Lazy<TokenBucket>> _buckets = new();
    private readonly AwsResilienceOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly PacingTurns _turns;

    public AwsCallGuard(AwsResilienceOptions options, OperatorMetrics metrics, TimeProvider time, RegionsInUse? regions = null,
        string account = AccountLabels.Operator)
    {
        Account = account;
        _options = options;
        _metrics = metrics;
        _time = time;
        _turns = new PacingTurns(time);
        if (regions is not null)
        {
            // The guard lives as long as the process, as does RegionsInUse: nothing to unsubscribe.
            regions.RegionUnused += Evict;
        }
    }

    /// <summary>The account label of every call through this guard: its buckets and breakers are this account's.</summary>
    public string Account { get; }

    /// <summary>The regions with a pipeline or a bucket now.</summary>
    internal IReadOnlyCollection<string> Regions =>
        _pipelines.Keys.Select(k => k.Region).Concat(_buckets.Keys.Select(k => k.Region)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Drops the region's pipelines and buckets; the next call there starts afresh (closed circuit, full bucket).</summary>
    internal void Evict(string region)
    {
        foreach (var key in _pipelines.Keys.Where(k => k.Region == region))
        {
            _pipelines.TryRemove(key, out _);
        }
        foreach (var key in _buckets.Keys.Where(k => k.Region == region))
        {
            _buckets.TryRemove(key, out _);
        }
        _turns.EvictRegion(region);
    }

    /// <summary>Turns held by objects waiting in the work queue for their token.</summary>
    internal int HeldTurns => _turns.Count;

    /// <param name="requests">The AWS requests the call makes whatever it answers (two attributes read apart): taken up front.</param>
    /// <param name="beforeRequest">Awaited once the call's turn has come, before the request (outside its timeout and
    /// breaker: it is the caller's, not AWS's); when it throws, nothing is asked and nothing counted.</param>
    public Task<T> CallAsync<T>(string region, string service, string operation, AwsActionClass actionClass,
        Func<CancellationToken, Task<T>> call, CancellationToken ct, int requests = 1, BeforeRequest? beforeRequest = null) =>
        CallAsync(region, service, operation, actionClass, (_, token) => call(token), ct, requests, requests, null, beforeRequest);

    /// <summary>A call that may make further requests (a Describe's pages), each counted by AWS as a request of its own.</summary>
    /// <param name="requests">The requests it is expected to make (the pages the last listing of its shape took): their tokens
    /// are taken up front, so a known long listing waits for them before it starts. Every page past those takes its token in
    /// the gate before it is requested, waiting for it (not failing) within the call's deadline.</param>
    /// <param name="pagesRequested">Told how many requests the call made, and whether it finished (else how far it got).</param>
    public Task<T> CallPagedAsync<T>(string region, string service, string operation, AwsActionClass actionClass,
        Func<FurtherPageGate, CancellationToken, Task<T>> call, CancellationToken ct, int requests = 1, Action<int, bool>? pagesRequested = null) =>
        CallAsync(region, service, operation, actionClass, call, ct, requests, 1, pagesRequested, null);

    /// <param name="fixedRequests">The requests the call makes whatever it answers; a paged call counts its pages.</param>
    private async Task<T> CallAsync<T>(string region, string service, string operation, AwsActionClass actionClass,
        Func<FurtherPageGate, CancellationToken, Task<T>> call, CancellationToken ct, int requests, int fixedRequests, Action<int, bool>? pagesRequested,
        BeforeRequest? beforeRequest)
    {
        var pipeline = _pipelines.GetOrAdd((region, service), key => new Lazy<ResiliencePipeline>(() => Build())).Value;
        var bucket = _buckets.GetOrAdd((region, service, actionClass), key => new Lazy<TokenBucket>(() => NewBucket(key.Class))).Value;
        // Never more up front than the bucket holds: the rest of a long listing takes its tokens page by page.
        var (wait, paid) = TakeTurn(region, service, actionClass, bucket, Math.Min(requests, bucket.Burst));
        if (wait > TimeSpan.Zero)
        {
            await TimedWaits.DelayAsync(wait, _time, ct);
        }
        if (beforeRequest is not null)
        {
            await beforeRequest(ct);
        }
        var started = _time.GetTimestamp();
        var finished = false;
        // A page waits for its token only while that leaves its request a quarter of the call's timeout.
        var pages = new ListingPages(bucket, paid, _time.GetUtcNow() + _options.CallTimeout * 0.75, _time, $"{service} {operation} in {region}");
        int Made() => Math.Max(pages.Requested, fixedRequests);
        try
        {
            var result = await pipeline.ExecuteAsync(async token => await call(pages.BeforeFurtherPageAsync, token), ct);
            finished = true;
            _metrics.RecordAwsRequest(Account, service, operation, AwsOutcomes.Success, _time.GetElapsedTime(started), Made());
            return result;
        }
        catch (AwsCallPacedException)
        {
            // A further page's token was too far away: our own pacing, neither AWS's throttling nor an error.
            throw;
        }
        catch (BrokenCircuitException e)
        {
            _metrics.RecordAwsRequest(Account, service, operation, AwsOutcomes.Error, _time.GetElapsedTime(started), Made());
            throw new AwsUnavailableException($"{service} in {region} is failing; calls are paused ({e.Message})", e);
        }
        catch (TimeoutRejectedException e)
        {
            _metrics.RecordAwsRequest(Account, service, operation, AwsOutcomes.Error, _time.GetElapsedTime(started), Made());
            throw new AwsUnavailableException($"{service} {operation} in {region} took longer than {_options.CallTimeout.TotalSeconds:0}s", e);
        }
        catch (AwsApiException e)
        {
            _metrics.RecordAwsRequest(Account, service, operation, e.IsThrottling ? AwsOutcomes.Throttled : AwsOutcomes.Error, _time.GetElapsedTime(started), Made());
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _metrics.RecordAwsRequest(Account, service, operation, AwsOutcomes.Error, _time.GetElapsedTime(started), Made());
            throw;
        }
        finally
        {
            pagesRequested?.Invoke(pages.Requested, finished);
        }
    }

    public Task CallAsync(string region, string service, string operation, AwsActionClass actionClass,
        Func<CancellationToken, Task> call, CancellationToken ct) =>
        CallAsync(region, service, operation, actionClass, async token => { await call(token); return true; }, ct);

    /// <summary>Pacing is waiting, not failing: the caller gets its token in turn and waits for it. A reconcile whose token is
    /// more than <see cref="AwsResilienceOptions.MaxHeldWait"/> away keeps its turn and gives its worker back until the turn
    /// is due (<see cref="AwsCallPacedException"/>: a later look, no condition); a call outside any reconcile waits up to its
    /// own deadline.</summary>
    /// <returns>How long to wait, and how many requests that wait paid for: those asked for, or, when the call comes back
    /// for a turn it held, those the turn was reserved with (what the call expected then).</returns>
    private (TimeSpan Wait, int Paid) TakeTurn(string region, string service, AwsActionClass actionClass, TokenBucket bucket, int requests)
    {
        var now = _time.GetUtcNow();
        if (ReconcileScope.Current is not { } key)
        {
            return bucket.TryReserve(_options.CallTimeout, out var wait, requests) ? (wait, requests)
                : throw new AwsCallPacedException($"{service} {actionClass} calls in {region} are paced; no token within {_options.CallTimeout.TotalSeconds:0}s", _options.CallTimeout);
        }
        if (_turns.TryTake(region, service, actionClass, key, out var due, out var held))
        {
            return (Held(due - now, held), held);
        }
        if (!bucket.TryReserve(_options.MaxTurnAhead, out var turn, requests))
        {
            throw new AwsCallPacedException($"{service} {actionClass} calls in {region} are paced past {_options.MaxTurnAhead}", _options.MaxTurnAhead);
        }
        return (Held(turn, requests), requests);

        TimeSpan Held(TimeSpan untilDue, int tokens)
        {
            if (untilDue <= _options.MaxHeldWait)
            {
                return untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
            }
            _turns.Hold(region, service, actionClass, key, now + untilDue, tokens);
            throw new AwsCallPacedException($"{service} {actionClass} calls in {region} are paced; this object's turn is in {untilDue.TotalSeconds:0.0}s", untilDue);
        }
    }

    private TokenBucket NewBucket(AwsActionClass actionClass)
    {
        var (burst, rate) = actionClass switch
        {
            AwsActionClass.Mutation => (_options.MutationBurst, _options.MutationsPerSecond),
            AwsActionClass.Describe => (_options.DescribeBurst, _options.DescribesPerSecond),
            _ => (_options.OtherBurst, _options.OtherPerSecond),
        };
        return new TokenBucket(rate, burst, _time);
    }

    private ResiliencePipeline Build() =>
        new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<AwsUnavailableException>().Handle<TimeoutRejectedException>()
                    .Handle<AwsApiException>(e => e.StatusCode >= 500 && !e.IsThrottling),
            })
            .AddTimeout(_options.CallTimeout)
            .Build();

}
