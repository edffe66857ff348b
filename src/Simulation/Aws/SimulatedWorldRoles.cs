namespace Vpce.Simulation.Aws;

/// <summary>The account's roles that STS AssumeRole may assume, each with its trust (<see cref="AssumableRole"/>).</summary>
public sealed partial class SimulatedWorld
{
    private readonly Dictionary<string, AssumableRole> _assumable = new(StringComparer.Ordinal);

    /// <summary>Creates an IAM role (<see cref="CreateIamRole"/>) whose trust admits <paramref name="trustedPrincipalArns"/> (role
    /// or user ARNs, or arn:aws:iam::ACCOUNT:root for every principal of an account), requiring sts:ExternalId
    /// <paramref name="externalId"/> when given; its sessions last at most <paramref name="maxSessionDuration"/> (1 h unless
    /// set; IAM allows 1 to 12 h). Returns the role's unique id (AROA…). The role must be in this world's account.</summary>
    public string CreateAssumableRole(string roleArn, IReadOnlyList<string> trustedPrincipalArns, string? externalId = null,
        TimeSpan? maxSessionDuration = null)
    {
        var max = maxSessionDuration ?? TimeSpan.FromHours(1);
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html: MaxSessionDuration 3600..43200 seconds.
        if (max < TimeSpan.FromHours(1) || max > TimeSpan.FromHours(12))
            throw new ArgumentOutOfRangeException(nameof(maxSessionDuration), max, "IAM allows a maximum session duration of 1 to 12 hours");
        if (roleArn.Split(':', 6) is not { Length: 6 } parts || parts[4] != AccountId)
            throw new ArgumentException($"{roleArn} is not a role of this world's account", nameof(roleArn));
        var uniqueId = CreateIamRole(roleArn);
        lock (Sync)
            _assumable[roleArn] = new AssumableRole(roleArn, uniqueId, trustedPrincipalArns.ToList(), externalId, max);
        return uniqueId;
    }

    /// <summary>The role of that ARN that may be assumed, or null (no such role, or one deleted since). Callers hold the lock.</summary>
    internal AssumableRole? AssumableRoleLocked(string roleArn) =>
        _assumable.TryGetValue(roleArn, out var role) && Iam.UniqueIdOf(roleArn) == role.UniqueId ? role : null;
}
