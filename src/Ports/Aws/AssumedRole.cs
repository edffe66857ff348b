namespace Vpce.Ports.Aws;

/// <summary>STS AssumeRole's answer: the session's credentials and who they act as
/// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, and AROA…:SESSION).</summary>
public sealed record AssumedRole(AwsSessionCredentials Credentials, string AssumedRoleArn, string AssumedRoleId);
