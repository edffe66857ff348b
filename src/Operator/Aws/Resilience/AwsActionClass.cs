namespace Vpce.Operator.Aws.Resilience;

/// <summary>Which token bucket a call draws from.</summary>
public enum AwsActionClass
{
    Describe,
    Mutation,
    Other,
}
