namespace Vpce.Bench;

/// <summary>Where an account-region's objects are, and how many (one row of the per account-region figures).</summary>
public sealed record BenchTarget(string Account, string AccountId, string Region, string Namespace, int Endpoints);
