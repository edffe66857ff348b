namespace Vpce.Operator.Observe;

/// <summary>A bucket as S3 has it now: its region and its policy (null when it has none).</summary>
public sealed record BucketReading(string Bucket, string Region, string? Policy);
