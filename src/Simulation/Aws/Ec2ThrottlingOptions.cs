namespace Vpce.Simulation.Aws;

/// <summary>
/// EC2 request throttling. Off by default so tests and the demo see throttling only when they ask for it.
/// The defaults are AWS's documented request-token buckets (mutating: 200, 5/s; non-mutating: 100, 20/s).
/// </summary>
public sealed record Ec2ThrottlingOptions
{
    public bool Enabled { get; init; }
    public TokenBucketSettings Mutating { get; init; } = new(200, 5);
    public TokenBucketSettings NonMutating { get; init; } = new(100, 20);

    public TokenBucketSettings For(Ec2ActionClass actionClass) =>
        actionClass == Ec2ActionClass.Mutating ? Mutating : NonMutating;
}
