namespace Vpce.Ports.Aws;

/// <param name="SessionName">sts:RoleSessionName: who acts, as CloudTrail in the role's account shows it (2-64 of [\w+=,.@-]).</param>
/// <param name="ExternalId">sts:ExternalId, when the role's trust policy requires one.</param>
/// <param name="SessionTags">sts:TagSession's tags; null or empty for none.</param>
/// <param name="Duration">How long the credentials last (AWS: 15 minutes to the role's maximum; one hour when chained).</param>
public sealed record AssumeRoleRequest(string RoleArn, string SessionName, string? ExternalId,
    IReadOnlyDictionary<string, string>? SessionTags, TimeSpan Duration);
