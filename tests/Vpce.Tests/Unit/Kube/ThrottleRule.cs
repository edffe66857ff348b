namespace Vpce.Tests.Unit.Kube;

/// <summary>How many more requests of <see cref="Method"/> a <see cref="ThrottlingHandler"/> answers 429, and with which Retry-After.</summary>
internal sealed class ThrottleRule(HttpMethod method, int count, string? retryAfter)
{
    public HttpMethod Method { get; } = method;
    public string? RetryAfter { get; } = retryAfter;
    public int Left { get; set; } = count;
}
