namespace Vpce.Operator.Aws.Sdk;

/// <summary>How to reach AWS: the default region, and an AWS-compatible endpoint (LocalStack, moto) instead of AWS.</summary>
public sealed record AwsConnectionOptions(string? DefaultRegion, string? EndpointUrl);
