namespace Vpce.Operator.Aws.Resilience;

/// <summary>Client-side limits around every AWS call. The defaults follow how AWS throttles VPC endpoint calls.</summary>
public sealed record AwsResilienceOptions
{
    /// <summary>CreateVpcEndpoint, ModifyVpcEndpoint, DeleteVpcEndpoints, CreateTags, DeleteTags, per region.</summary>
    public int MutationBurst { get; init; } = 4;
    public double MutationsPerSecond { get; init; } = 0.3;
    /// <summary>Describe calls, per region.</summary>
    public int DescribeBurst { get; init; } = 100;
    public double DescribesPerSecond { get; init; } = 20;
    /// <summary>S3 and STS calls, per region.</summary>
    public int OtherBurst { get; init; } = 20;
    public double OtherPerSecond { get; init; } = 10;
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>A reconcile whose token is further away than this gives its worker back and comes back when its turn is due
    /// (keeping the token), so other regions' work runs meanwhile; a nearer token is simply waited for.</summary>
    public TimeSpan MaxHeldWait { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How far ahead a reconcile may reserve its turn.</summary>
    public TimeSpan MaxTurnAhead { get; init; } = TimeSpan.FromHours(24);
    /// <summary>The circuit opens when this share of calls failed for AWS's own reasons (5xx, timeouts) in the window.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;
    public int BreakerMinimumThroughput { get; init; } = 8;
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
