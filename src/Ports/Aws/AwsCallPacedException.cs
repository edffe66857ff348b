namespace Vpce.Ports.Aws;

/// <summary>The operator's own pacing could not give this call a token before its deadline. Not an AWS error and not
/// throttling by AWS: the reconcile is simply looked at again after <see cref="RetryAfter"/>, with no condition changed.</summary>
public sealed class AwsCallPacedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
