using System.Net;
using System.Text;

namespace Vpce.Tests.Unit.Kube;

/// <summary>Stands in for API Priority and Fairness in the client's handler chain: answers 429 Too Many Requests, with the
/// Retry-After given (none when null), to as many requests of a method as told, and passes every other request on. Keeps
/// each request that reached it: method, path, body and the (virtual) time it came, throttled or not.</summary>
internal sealed class ThrottlingHandler(TimeProvider time) : DelegatingHandler
{
    private readonly Lock _gate = new();
    private readonly List<ThrottleRule> _rules = new();
    private readonly List<ThrottledRequest> _requests = new();

    public IReadOnlyList<ThrottledRequest> Requests { get { lock (_gate) return _requests.ToList(); } }

    /// <summary>The next <paramref name="count"/> requests of <paramref name="method"/> are answered 429.</summary>
    public void Throttle(HttpMethod method, int count, string? retryAfter)
    {
        lock (_gate) _rules.Add(new ThrottleRule(method, count, retryAfter));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        ThrottleRule? rule;
        lock (_gate)
        {
            rule = _rules.FirstOrDefault(r => r.Method == request.Method && r.Left > 0);
            if (rule is not null) rule.Left--;
            _requests.Add(new ThrottledRequest(request.Method, request.RequestUri!.AbsolutePath, body, time.GetUtcNow(), rule is not null));
        }
        if (rule is null) return await base.SendAsync(request, cancellationToken);
        // What kube-apiserver answers when APF rejects a request.
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too many requests, please try again later.",
                 "reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}
                """, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        if (rule.RetryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", rule.RetryAfter);
        return response;
    }
}
