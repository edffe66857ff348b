namespace Vpce.Tests.Unit.Kube;

/// <summary>A request as a <see cref="ThrottlingHandler"/> saw it, and whether it answered it 429.</summary>
internal sealed record ThrottledRequest(HttpMethod Method, string Path, string? Body, DateTimeOffset At, bool Throttled);
