using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>One AssumeRole the fake STS answered (or refused): when, in which region, what was asked, and the credentials the
/// caller acted with (null: the operator's own identity).</summary>
public sealed record StsCall(DateTimeOffset At, string Region, AssumeRoleRequest Request, AwsSessionCredentials? ActingWith);
