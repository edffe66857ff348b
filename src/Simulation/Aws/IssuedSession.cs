namespace Vpce.Simulation.Aws;

/// <summary>A session STS AssumeRole issued in the simulator: who asked for it, for which role, and what it carried (tests
/// read these to check the session name, the External ID and the tags the operator sent).</summary>
/// <param name="AccessKeyId">ASIA…: the session's access key id, the one the simulator authenticates calls by.</param>
/// <param name="RoleArn">The role assumed, path included.</param>
/// <param name="Account">The role's account: where the session's calls act.</param>
/// <param name="AssumedRoleArn">arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (role name without its path), as STS names it.</param>
/// <param name="AssumedRoleId">AROA…:SESSION.</param>
/// <param name="CallerArn">Who called AssumeRole (its ARN as GetCallerIdentity shows it).</param>
/// <param name="CallerAccount">The account AssumeRole was called in (and counted in).</param>
/// <param name="Chained">The caller was itself an assumed-role session (role chaining: at most one hour).</param>
/// <param name="SourceIdentity">sts:SourceIdentity; always null, as the port's request does not carry one.</param>
public sealed record IssuedSession(
    string AccessKeyId,
    string RoleArn,
    string Account,
    string SessionName,
    string AssumedRoleArn,
    string AssumedRoleId,
    string CallerArn,
    string CallerAccount,
    string? ExternalId,
    IReadOnlyDictionary<string, string> SessionTags,
    string? SourceIdentity,
    bool Chained,
    DateTimeOffset IssuedAt,
    DateTimeOffset Expiration);
