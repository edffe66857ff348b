using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>STS AssumeRole in the simulator: the role's trust and External ID decide, STS's validation comes first, and the
/// answer is a session of the role's account.</summary>
public sealed class AssumeRoleTests
{
    private readonly TwoAccounts _aws = new();

    private static string Denied(string caller, string role) =>
        $"AccessDenied: User: {caller} is not authorized to perform: sts:AssumeRole on resource: {role}";

    private async Task<AwsApiException> RefusedAsync(AssumeRoleRequest request, IStsApi? sts = null)
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => (sts ?? _aws.Home.Sts).AssumeRoleAsync(TwoAccounts.Region, request, default));
        return error;
    }

    private async Task<AwsApiException> InvalidAsync(AssumeRoleRequest request)
    {
        var error = await RefusedAsync(request);
        Assert.Equal("ValidationError", error.Code);
        Assert.Equal(400, error.StatusCode);
        return error;
    }

    [Fact]
    public void Accounts_are_found_by_id_and_held_once()
    {
        Assert.Equal(TwoAccounts.HomeId, _aws.Home.AccountId);
        Assert.Equal(TwoAccounts.WorkloadId, _aws.Workload.AccountId);
        Assert.Same(_aws.Home, _aws.Workload.Account(TwoAccounts.HomeId));
        Assert.Same(_aws.Workload, _aws.Home.Account(TwoAccounts.WorkloadId));
        Assert.Null(_aws.Home.Account("999999999999"));
        Assert.Same(_aws.Home.Time, _aws.Workload.Time);
        Assert.Throws<ArgumentException>(() => _aws.Home.AddAccount(TwoAccounts.WorkloadId));
        Assert.Throws<ArgumentException>(() => _aws.Home.AddAccount("12345"));
    }

    [Fact]
    public async Task A_trusted_caller_gets_fresh_credentials_of_the_role_account()
    {
        var tags = new Dictionary<string, string> { ["cluster"] = "prod-eu" };
        var first = await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(tags: tags, duration: TimeSpan.FromMinutes(30)), default);
        var second = await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(), default);

        Assert.Equal("arn:aws:sts::222233334444:assumed-role/vpce-operator/cluster-a", first.AssumedRoleArn);
        Assert.Equal($"{_aws.WorkloadRoleId}:cluster-a", first.AssumedRoleId);
        Assert.StartsWith("AROA", first.AssumedRoleId, StringComparison.Ordinal);
        Assert.Matches("^ASIA[A-Z0-9]{16}$", first.Credentials.AccessKeyId);
        Assert.NotEqual(first.Credentials.AccessKeyId, second.Credentials.AccessKeyId);
        Assert.NotEmpty(first.Credentials.SecretAccessKey);
        Assert.NotEmpty(first.Credentials.SessionToken);
        Assert.Equal(_aws.Time.GetUtcNow() + TimeSpan.FromMinutes(30), first.Credentials.Expiration);

        // Counted where it was called: the home account.
        Assert.Equal(2, _aws.Home.Calls["sts:AssumeRole"]);
        Assert.Equal(0, _aws.Workload.Calls.Total);

        var issued = Assert.Single(_aws.Home.IssuedSessions, s => s.AccessKeyId == first.Credentials.AccessKeyId);
        Assert.Equal(TwoAccounts.WorkloadRole, issued.RoleArn);
        Assert.Equal(TwoAccounts.WorkloadId, issued.Account);
        Assert.Equal(TwoAccounts.HomeUser, issued.CallerArn);
        Assert.Equal(TwoAccounts.HomeId, issued.CallerAccount);
        Assert.Equal(TwoAccounts.ExternalId, issued.ExternalId);
        Assert.Equal("prod-eu", issued.SessionTags["cluster"]);
        Assert.False(issued.Chained);
        Assert.Equal(2, _aws.Workload.IssuedSessions.Count);
    }

    [Fact]
    public async Task A_caller_the_trust_does_not_name_is_denied()
    {
        const string onlyHub = "arn:aws:iam::222233334444:role/only-hub";
        _aws.Workload.World.CreateAssumableRole(onlyHub, ["arn:aws:iam::123456789012:role/hub"]);

        var error = await RefusedAsync(TwoAccounts.Request(onlyHub, externalId: null));
        Assert.Equal(403, error.StatusCode);
        Assert.Equal(Denied(TwoAccounts.HomeUser, onlyHub), error.Message);
        Assert.Empty(_aws.Home.IssuedSessions);
    }

    [Fact]
    public async Task A_wrong_or_missing_external_id_and_a_missing_role_are_the_same_denial()
    {
        foreach (var request in new[]
                 {
                     TwoAccounts.Request(externalId: "payments-0000"),
                     TwoAccounts.Request(externalId: null),
                     TwoAccounts.Request("arn:aws:iam::222233334444:role/nope", externalId: null),
                     TwoAccounts.Request("arn:aws:iam::999999999999:role/vpce-operator"),
                 })
        {
            var error = await RefusedAsync(request);
            Assert.Equal(AwsErrorCodes.AccessDenied, error.Code);
            Assert.Equal(403, error.StatusCode);
            Assert.Equal(Denied(TwoAccounts.HomeUser, request.RoleArn), error.Message);
        }
        Assert.Equal(4, _aws.Home.Calls["sts:AssumeRole"]);
    }

    [Fact]
    public async Task A_deleted_role_can_no_longer_be_assumed()
    {
        _aws.Workload.World.DeleteIamPrincipal(TwoAccounts.WorkloadRole);
        Assert.Equal(AwsErrorCodes.AccessDenied, (await RefusedAsync(TwoAccounts.Request())).Code);
    }

    [Fact]
    public async Task Sessions_of_a_trusted_role_may_assume_and_a_chained_session_lasts_at_most_an_hour()
    {
        const string hub = "arn:aws:iam::123456789012:role/hub";
        const string spoke = "arn:aws:iam::222233334444:role/spoke";
        _aws.Home.World.CreateAssumableRole(hub, ["arn:aws:iam::123456789012:root"], maxSessionDuration: TimeSpan.FromHours(12));
        _aws.Workload.World.CreateAssumableRole(spoke, [hub], maxSessionDuration: TimeSpan.FromHours(12));
        var hubRole = await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(hub, "hub", null, TimeSpan.FromHours(12)), default);
        Assert.Equal(_aws.Time.GetUtcNow() + TimeSpan.FromHours(12), hubRole.Credentials.Expiration);
        var asHub = _aws.Home.ActingAs(() => hubRole.Credentials);

        var tooLong = await RefusedAsync(TwoAccounts.Request(spoke, "spoke", null, TimeSpan.FromHours(2)), asHub.Sts);
        Assert.Equal("ValidationError", tooLong.Code);
        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", tooLong.Message[("ValidationError: ".Length)..]);

        var spokeRole = await asHub.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(spoke, "spoke", null), default);
        var issued = _aws.Home.IssuedSessions.Single(s => s.AccessKeyId == spokeRole.Credentials.AccessKeyId);
        Assert.True(issued.Chained);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/hub/hub", issued.CallerArn);
        // The hub session called from the home account; its AssumeRole counts there.
        Assert.Equal(3, _aws.Home.Calls["sts:AssumeRole"]);
        var identity = await asHub.ActingAs(() => spokeRole.Credentials).Sts.GetCallerIdentityAsync(TwoAccounts.Region, default);
        Assert.Equal("arn:aws:sts::222233334444:assumed-role/spoke/spoke", identity.Arn);

        // The hub's session is not the account root: a role trusting only the home user refuses it.
        const string userOnly = "arn:aws:iam::222233334444:role/user-only";
        _aws.Workload.World.CreateAssumableRole(userOnly, [TwoAccounts.HomeUser]);
        var denied = await RefusedAsync(TwoAccounts.Request(userOnly, "xy", null), asHub.Sts);
        Assert.Equal(Denied("arn:aws:sts::123456789012:assumed-role/hub/hub", userOnly), denied.Message);
        await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(userOnly, "xy", null), default);
    }

    [Fact]
    public async Task The_duration_is_bounded_by_sts_and_by_the_role()
    {
        Assert.Contains("'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
            (await InvalidAsync(TwoAccounts.Request(duration: TimeSpan.FromMinutes(10)))).Message);
        Assert.Contains("Member must have value less than or equal to 43200",
            (await InvalidAsync(TwoAccounts.Request(duration: TimeSpan.FromHours(13)))).Message);
        Assert.EndsWith("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
            (await InvalidAsync(TwoAccounts.Request(duration: TimeSpan.FromHours(2)))).Message);
        await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(duration: TimeSpan.FromMinutes(15)), default);
    }

    [Theory]
    [InlineData("a", "Member must have length greater than or equal to 2")]
    [InlineData("with space", @"Member must satisfy regular expression pattern: [\w+=,.@-]*")]
    [InlineData("slash/no", @"Member must satisfy regular expression pattern: [\w+=,.@-]*")]
    public async Task A_session_name_sts_does_not_take_is_a_validation_error(string name, string constraint)
    {
        var error = await InvalidAsync(TwoAccounts.Request(session: name));
        Assert.Equal($"ValidationError: 1 validation error detected: Value '{name}' at 'roleSessionName' failed to satisfy constraint: {constraint}", error.Message);
    }

    [Fact]
    public async Task Session_names_of_64_characters_pass_and_longer_ones_do_not()
    {
        await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(session: "a.b=c,d@e+f_g-" + new string('x', 50)), default);
        Assert.Contains("Member must have length less than or equal to 64", (await InvalidAsync(TwoAccounts.Request(session: new string('x', 65)))).Message);
    }

    [Fact]
    public async Task At_most_fifty_session_tags_of_bounded_keys_and_values()
    {
        var fifty = Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", i => "v");
        await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(tags: fifty), default);

        var many = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");
        Assert.Contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
            (await InvalidAsync(TwoAccounts.Request(tags: many))).Message);
        Assert.Contains("Member must have length less than or equal to 128",
            (await InvalidAsync(TwoAccounts.Request(tags: new Dictionary<string, string> { [new string('k', 129)] = "v" }))).Message);
        Assert.Contains("Member must have length less than or equal to 256",
            (await InvalidAsync(TwoAccounts.Request(tags: new Dictionary<string, string> { ["k"] = new string('v', 257) }))).Message);
        Assert.Single(_aws.Home.IssuedSessions);
    }

    [Fact]
    public async Task Validation_comes_before_trust()
    {
        var error = await InvalidAsync(TwoAccounts.Request("arn:aws:iam::222233334444:role/nope", session: "a"));
        Assert.Contains("roleSessionName", error.Message);
    }

    [Fact]
    public async Task Assume_role_passes_the_calling_account_gate()
    {
        _aws.Home.Faults.FailNext("sts:AssumeRole", "InternalError", statusCode: 500);
        Assert.Equal("InternalError", (await RefusedAsync(TwoAccounts.Request())).Code);
        await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(), default);
    }
}
