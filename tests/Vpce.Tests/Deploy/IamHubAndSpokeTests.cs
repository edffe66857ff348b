namespace Vpce.Tests.Deploy;

/// <summary>Many accounts (issue 25): deploy/iam/hub-assume-role.json lets the operator's own role (the hub) assume the spoke
/// roles and nothing else; deploy/iam/spoke-trust-policy.json lets a spoke role be assumed only by the hub, with the External
/// ID and the operator's session name. A cross-account AssumeRole needs both: the hub's identity policy and the spoke's trust.</summary>
public sealed class IamHubAndSpokeTests
{
    private const string HubRole = "arn:aws:iam::111111111111:role/vpce-operator-hub";
    /// <summary>The hub as it calls STS: a session of its role (IRSA, Pod Identity), not the role itself.</summary>
    private const string HubSession = "arn:aws:sts::111111111111:assumed-role/vpce-operator-hub/botocore-session-1712";
    private const string SpokeRole = "arn:aws:iam::222233334444:role/vpce-operator/vpce-operator-spoke";
    private const string ExternalId = "payments-7f3a";
    private const string SessionName = "vpce-operator-prod-eu";

    private static readonly string Root = RepoRoot.Find();
    private static readonly string TrustTemplate = Path.Combine(Root, "deploy/iam/spoke-trust-policy.json");
    private static readonly IamPolicy Hub = IamPolicy.Load(Path.Combine(Root, "deploy/iam/hub-assume-role.json"));
    private static readonly IamPolicy Trust = IamPolicy.Load(TrustTemplate,
        new Dictionary<string, string> { ["HUB_ROLE_ARN"] = HubRole, ["EXTERNAL_ID"] = ExternalId });

    private static IamRequest Assume(string role, string? externalId = ExternalId, string sessionName = SessionName) =>
        externalId is null
            ? IamRequest.Of("sts:AssumeRole", role, ("sts:RoleSessionName", sessionName))
            : IamRequest.Of("sts:AssumeRole", role, ("sts:ExternalId", externalId), ("sts:RoleSessionName", sessionName));

    [Theory]
    [InlineData("arn:aws:iam::222233334444:role/vpce-operator/vpce-operator-spoke")]
    [InlineData("arn:aws:iam::555566667777:role/vpce-operator/data-prod")]
    [InlineData("arn:aws:iam::555566667777:role/vpce-operator/chain/hop-2")]
    public void The_hub_may_assume_and_tag_sessions_of_roles_on_the_operator_path(string role)
    {
        Assert.NotNull(Hub.AllowedBy(Assume(role)));
        Assert.NotNull(Hub.AllowedBy(IamRequest.Of("sts:TagSession", role, ("aws:RequestTag/cluster", "prod-eu"))));
    }

    [Theory]
    [InlineData("arn:aws:iam::222233334444:role/OrganizationAccountAccessRole", "an admin role that trusts the management account")]
    [InlineData("arn:aws:iam::222233334444:role/vpce-operator", "a role named like the operator but not on its path")]
    [InlineData("arn:aws:iam::222233334444:role/vpce-operator-admin/x", "a path that only starts like the operator's")]
    [InlineData("arn:aws:iam::222233334444:role/teams/vpce-operator/x", "the operator's path below another")]
    [InlineData("arn:aws:iam::222233334444:user/vpce-operator/someone", "a user on the path")]
    public void The_hub_may_assume_no_other_role(string role, string what)
    {
        Assert.True(Hub.AllowedBy(Assume(role)) is null, $"the hub may assume {what}: {role}");
        Assert.Null(Hub.AllowedBy(IamRequest.Of("sts:TagSession", role)));
    }

    [Fact]
    public void The_hub_statement_names_roles_on_the_path_never_everything()
    {
        Assert.All(Hub.Statements, s => Assert.True(s.Allow, $"{s.Sid}: the hub statement only allows"));
        var resources = Hub.Statements.SelectMany(s => s.Resources).ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.StartsWith("arn:aws:iam::*:role/vpce-operator/", r));
        Assert.DoesNotContain("*", resources);
        Assert.Null(Hub.AllowedBy(Assume("*")));
        Assert.Null(Hub.AllowedBy(Assume("arn:aws:iam::222233334444:role/anything")));
    }

    [Fact]
    public void The_hub_statement_grants_AssumeRole_and_TagSession_only()
    {
        Assert.Equal(new[] { "sts:AssumeRole", "sts:TagSession" }, Hub.AllowedActions().Order(StringComparer.Ordinal));
        // Nothing of the spoke's work: EC2 and S3 happen with the spoke's credentials, never the hub's.
        Assert.Null(Hub.AllowedBy(IamRequest.Of("ec2:CreateVpcEndpoint", "arn:aws:ec2:eu-west-1:111111111111:vpc-endpoint/*")));
        Assert.Null(Hub.AllowedBy(IamRequest.Of("sts:AssumeRoleWithWebIdentity", SpokeRole)));
    }

    [Fact]
    public void The_spoke_trusts_the_hub_with_the_external_id_and_the_operators_session_name()
    {
        Assert.Equal("HubAssumesWithTheExternalId", Trust.AllowedBy(Assume(SpokeRole).By(HubSession)));
        // The role ARN itself (a principal IAM resolves to the role) is the hub too.
        Assert.NotNull(Trust.AllowedBy(Assume(SpokeRole).By(HubRole)));
    }

    [Fact]
    public void The_spoke_refuses_the_hub_without_the_external_id_or_with_a_wrong_one()
    {
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, externalId: null).By(HubSession)));
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, externalId: "payments-7f3b").By(HubSession)));
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, externalId: "PAYMENTS-7F3A").By(HubSession)));
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, externalId: "").By(HubSession)));
    }

    [Fact]
    public void The_spoke_refuses_a_session_name_that_is_not_the_operators()
    {
        // CloudTrail in the spoke's account names the operator's cluster: vpce-operator-<clusterName>.
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, sessionName: "alice").By(HubSession)));
        Assert.Null(Trust.AllowedBy(Assume(SpokeRole, sessionName: "my-vpce-operator-prod").By(HubSession)));
    }

    [Theory]
    [InlineData("arn:aws:sts::111111111111:assumed-role/other-app/session", "another role of the hub's account")]
    [InlineData("arn:aws:iam::111111111111:root", "the hub's account as a whole")]
    [InlineData("arn:aws:iam::111111111111:user/alice", "a user of the hub's account")]
    [InlineData("arn:aws:sts::999999999999:assumed-role/vpce-operator-hub/session", "a role of the hub's name in another account")]
    [InlineData("arn:aws:sts::222233334444:assumed-role/vpce-operator-spoke/session", "the spoke itself")]
    public void The_spoke_refuses_another_principal_even_with_the_external_id(string principal, string what)
    {
        Assert.True(Trust.AllowedBy(Assume(SpokeRole).By(principal)) is null, $"the spoke trusts {what}");
        Assert.Null(Trust.AllowedBy(IamRequest.Of("sts:TagSession", SpokeRole).By(principal)));
    }

    [Fact]
    public void The_spoke_lets_the_hub_pass_session_tags_and_nothing_else()
    {
        // TagSession is authorized only as part of the same AssumeRole request, which needs the External ID.
        Assert.Equal("HubPassesSessionTags", Trust.AllowedBy(IamRequest.Of("sts:TagSession", SpokeRole, ("aws:RequestTag/cluster", "prod-eu")).By(HubSession)));
        Assert.Equal(new[] { "sts:AssumeRole", "sts:TagSession" }, Trust.AllowedActions().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_cross_account_assume_needs_the_hub_statement_and_the_spoke_trust()
    {
        bool Allowed(IamRequest request) => Hub.AllowedBy(request) is not null && Trust.AllowedBy(request) is not null;
        Assert.True(Allowed(Assume(SpokeRole).By(HubSession)));
        Assert.False(Allowed(Assume(SpokeRole, externalId: null).By(HubSession)));
        // A role off the path that trusts the hub all the same (a mistake in the spoke account) is not assumed.
        Assert.False(Allowed(Assume("arn:aws:iam::222233334444:role/admin").By(HubSession)));
    }

    [Fact]
    public void The_trust_template_names_the_hub_in_every_statement_and_nothing_else_is_a_placeholder()
    {
        var template = IamPolicy.Load(TrustTemplate);
        Assert.All(template.Statements, s =>
        {
            Assert.True(s.Allow);
            Assert.NotNull(s.Principals);
            Assert.Equal(new[] { "AWS" }, s.Principals!.Keys);
            Assert.Equal(new[] { "HUB_ROLE_ARN" }, s.Principals["AWS"]);
        });
        // The External ID is required, not left to the installer's choice.
        Assert.Contains(template.Statements, s => s.Actions.Contains("sts:AssumeRole")
            && s.Conditions["StringEquals"]["sts:ExternalId"].SequenceEqual(new[] { "EXTERNAL_ID" }));
        var text = File.ReadAllText(TrustTemplate);
        var placeholders = System.Text.RegularExpressions.Regex.Matches(text, @"""([A-Z]+_[A-Z_]*[A-Z])""").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(new[] { "EXTERNAL_ID", "HUB_ROLE_ARN" }, placeholders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_statement_has_a_unique_sid()
    {
        var sids = Hub.Statements.Concat(Trust.Statements).Select(s => s.Sid).ToList();
        Assert.DoesNotContain("", sids);
        Assert.Equal(sids.Count, sids.Distinct().Count());
    }
}
