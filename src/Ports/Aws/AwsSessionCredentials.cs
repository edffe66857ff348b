namespace Vpce.Ports.Aws;

/// <summary>Temporary credentials (STS AssumeRole's answer): valid until <see cref="Expiration"/>.</summary>
public sealed record AwsSessionCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration)
{
    /// <summary>The secret parts stay out of logs and test output.</summary>
    public override string ToString() => $"{AccessKeyId} (expires {Expiration:O})";
}
