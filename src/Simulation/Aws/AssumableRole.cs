namespace Vpce.Simulation.Aws;

/// <summary>What a role's trust policy says, as far as the simulator checks it: the principals it admits (role ARNs, user
/// ARNs, or arn:aws:iam::ACCOUNT:root for every principal of that account), the sts:ExternalId it requires (the
/// Condition StringEquals sts:ExternalId of the usual cross-account trust,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html), and the role's
/// MaxSessionDuration (1 h unless set, up to 12 h,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html).</summary>
internal sealed record AssumableRole(string RoleArn, string UniqueId, IReadOnlyList<string> TrustedPrincipalArns, string? ExternalId,
    TimeSpan MaxSessionDuration)
{
    /// <summary>Whether the trust admits a principal (an IAM role, user or root ARN; for a session, its role's ARN). A
    /// trusted account root admits every principal of that account
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).</summary>
    public bool Trusts(string principalArn)
    {
        var account = principalArn.Split(':', 6) is { Length: 6 } parts ? parts[4] : null;
        return TrustedPrincipalArns.Any(trusted =>
            string.Equals(trusted, principalArn, StringComparison.Ordinal)
            || (account is not null && string.Equals(trusted, $"arn:aws:iam::{account}:root", StringComparison.Ordinal)));
    }
}
