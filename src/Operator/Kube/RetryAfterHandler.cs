using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vpce.Operator.Kube;

/// <summary>The API server's own throttling, waited out in one place for every call of the adapter (lists, watches, status
/// and finalizer patches, ConfigMaps, events, the Lease): a 429 Too Many Requests (API Priority and Fairness rejecting the
/// request) is sent again after its Retry-After (seconds or a date; <see cref="DefaultWait"/> when absent, never more than
/// <see cref="MaxWait"/>), at most <see cref="MaxRetries"/> times as client-go does; the last 429 goes to the caller as
/// any refusal does. A rejected request was never executed, so sending a write again is safe.</summary>
public sealed class RetryAfterHandler(TimeProvider? time = null, ILogger? logger = null) : DelegatingHandler
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    public const int MaxRetries = 10;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retry = 1; ; retry++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || retry > MaxRetries) return response;
            var wait = WaitOf(response, _time.GetUtcNow());
            response.Dispose();
            _logger.LogInformation("the API server throttled {Method} {Path} (429 Too Many Requests); retry {Retry} of {MaxRetries} in {Wait}",
                request.Method, request.RequestUri?.AbsolutePath, retry, MaxRetries, wait);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long a 429 asks to wait, bounded to [0, <see cref="MaxWait"/>].</summary>
    public static TimeSpan WaitOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - now : DefaultWait);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
    }
}
