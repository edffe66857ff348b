using System.Text.RegularExpressions;
using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>STS in one account, for one caller (the world's, or an issued session's): GetCallerIdentity, and AssumeRole with
/// STS's validation and the role's trust checked (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).</summary>
internal sealed partial class SimulatedSts(AwsSimulator account, AwsCallGate gate, Func<CallerIdentity> caller) : IStsApi
{
    // STS's own bounds: 15 minutes to 12 hours; a chained session at most one hour
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).
    private static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);
    private static readonly TimeSpan ChainedMaxDuration = TimeSpan.FromHours(1);

    public async Task<CallerIdentity> GetCallerIdentityAsync(string region, CancellationToken ct)
    {
        await gate.PassAsync("sts:GetCallerIdentity", region: null, actionClass: null, ct).ConfigureAwait(false);
        return caller();
    }

    public async Task<AssumedRole> AssumeRoleAsync(string region, AssumeRoleRequest request, CancellationToken ct)
    {
        await gate.PassAsync("sts:AssumeRole", region: null, actionClass: null, ct).ConfigureAwait(false);
        Validate(request);
        var who = caller();
        var accounts = account.Accounts;
        var principal = accounts.PrincipalArnOf(who);
        var chained = IsSession(who.Arn);
        // The role is looked up in the account its ARN names. A missing role, an untrusting one and a wrong External ID are one
        // answer: STS does not tell a caller whether a role it may not assume exists.
        var denied = new AwsApiException(AwsErrorCodes.AccessDenied,
            $"User: {who.Arn} is not authorized to perform: sts:AssumeRole on resource: {request.RoleArn}", 403);
        var roleAccount = request.RoleArn.Split(':', 6) is { Length: 6 } parts ? accounts.Find(parts[4]) : null;
        if (roleAccount is null)
            throw denied;
        AssumableRole role;
        lock (roleAccount.World.Sync)
            role = roleAccount.World.AssumableRoleLocked(request.RoleArn) ?? throw denied;
        if (!role.Trusts(principal) || (role.ExternalId is { } required && request.ExternalId != required))
            throw denied;
        if (request.Duration > role.MaxSessionDuration)
            throw ValidationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        if (chained && request.Duration > ChainedMaxDuration)
            throw ValidationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");

        var now = account.Time.GetUtcNow();
        var roleName = role.RoleArn.Split(':', 6)[5].Split('/')[^1];
        var session = new IssuedSession(
            AccessKeyId: "",
            RoleArn: role.RoleArn,
            Account: roleAccount.AccountId,
            SessionName: request.SessionName,
            AssumedRoleArn: $"arn:aws:sts::{roleAccount.AccountId}:assumed-role/{roleName}/{request.SessionName}",
            AssumedRoleId: $"{role.UniqueId}:{request.SessionName}",
            CallerArn: who.Arn,
            CallerAccount: account.AccountId,
            ExternalId: request.ExternalId,
            SessionTags: new Dictionary<string, string>(request.SessionTags ?? Tag.None, StringComparer.Ordinal),
            SourceIdentity: null,
            Chained: chained,
            IssuedAt: now,
            Expiration: now + request.Duration);
        var credentials = accounts.Issue(session, roleAccount);
        return new AssumedRole(credentials, session.AssumedRoleArn, session.AssumedRoleId);
    }

    /// <summary>STS's checks of the request itself, before any role is looked at: RoleSessionName 2-64 of [\w+=,.@-],
    /// DurationSeconds 900-43200, at most 50 session tags with keys of 1-128 and values of at most 256 characters
    /// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_RequestParameters).</summary>
    private static void Validate(AssumeRoleRequest request)
    {
        if (request.RoleArn.Length is < 20 or > 2048)
            throw Constraint(request.RoleArn, "roleArn", request.RoleArn.Length < 20
                ? "Member must have length greater than or equal to 20" : "Member must have length less than or equal to 2048");
        var name = request.SessionName;
        if (name.Length < 2)
            throw Constraint(name, "roleSessionName", "Member must have length greater than or equal to 2");
        if (name.Length > 64)
            throw Constraint(name, "roleSessionName", "Member must have length less than or equal to 64");
        if (!SessionNameShape().IsMatch(name))
            throw Constraint(name, "roleSessionName", @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        var seconds = (long)request.Duration.TotalSeconds;
        if (request.Duration < MinDuration)
            throw Constraint(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "durationSeconds", "Member must have value greater than or equal to 900");
        if (request.Duration > MaxDuration)
            throw Constraint(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "durationSeconds", "Member must have value less than or equal to 43200");
        var tags = request.SessionTags ?? Tag.None;
        if (tags.Count > 50)
            throw Constraint($"[{tags.Count} tags]", "tags", "Member must have length less than or equal to 50");
        var index = 0;
        foreach (var (key, value) in tags)
        {
            index++;
            if (key.Length is < 1 or > 128)
                throw Constraint(key, $"tags.{index}.member.key", key.Length < 1
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 128");
            if (value.Length > 256)
                throw Constraint(value, $"tags.{index}.member.value", "Member must have length less than or equal to 256");
        }
    }

    /// <summary>An assumed-role session's ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION): its AssumeRole is role chaining.</summary>
    private static bool IsSession(string arn) =>
        arn.Split(':', 6) is { Length: 6 } parts && parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal);

    private static AwsApiException Constraint(string value, string member, string constraint) =>
        ValidationError($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    private static AwsApiException ValidationError(string message) => new("ValidationError", message, 400);

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+$")]
    private static partial Regex SessionNameShape();
}
