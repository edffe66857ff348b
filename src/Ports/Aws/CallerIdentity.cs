namespace Vpce.Ports.Aws;

public sealed record CallerIdentity(string Account, string Arn, string UserId);
