namespace Vpce.Ports.Aws;

/// <summary>Awaited by a write once it may go out (its pacing turn has come), right before AWS is asked: where the caller
/// records what the write is about to make, so that a record means a request, not a request still waiting for its turn.
/// When it throws, nothing is asked.</summary>
public delegate Task BeforeRequest(CancellationToken ct);
