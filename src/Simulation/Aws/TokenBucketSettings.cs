namespace Vpce.Simulation.Aws;

/// <summary>One EC2 request token bucket: how many calls it holds and how many it regains per second.</summary>
public sealed record TokenBucketSettings(double Capacity, double RefillPerSecond);
