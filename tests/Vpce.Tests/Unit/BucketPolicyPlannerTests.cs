using System.Text.Json.Nodes;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>The bucket-policy write path's one decision: the safety rules in order, the claim, and what a write puts.</summary>
public sealed class BucketPolicyPlannerTests
{
    private const string Sid = "VpceReportsPrivatePlatform";
    private const string OperatorArn = "arn:aws:iam::123456789012:role/vpce-operator";
    private const string Foreign = """{"Sid":"AllowRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*"}""";

    private static DesiredStatement Desired(string vpce = "vpce-0123", string sid = Sid, bool exemptOperator = true) => new()
    {
        Sid = sid, Bucket = "reports-bucket", Actions = ["s3:*"], EndpointIds = [vpce],
        ExemptPrincipalArns = exemptOperator ? [OperatorArn] : ["arn:aws:iam::123456789012:role/break-glass"],
    };

    private static string PolicyWith(params DesiredStatement[] statements) =>
        statements.Aggregate($$"""{"Version":"2012-10-17","Statement":[{{Foreign}}]}""", (policy, s) => BucketPolicyMerge.Upsert(policy, s.ToJson()));

    private static BucketPolicyPlan Plan(string? policy, DesiredStatement desired, string? writtenSid = null, IReadOnlyList<string>? owned = null,
        string endpointRegion = "eu-west-1", bool reportOnly = false) =>
        BucketPolicyPlanner.Plan(new BucketPolicyPlanInput
        {
            Policy = policy, Desired = desired, BucketRegion = "eu-west-1", EndpointRegion = endpointRegion,
            WrittenSid = writtenSid, OwnedSids = owned ?? [], CallerArn = OperatorArn, ReportOnly = reportOnly,
        });

    private static IReadOnlyList<string> Sids(string? policy) =>
        policy is null ? [] : JsonNode.Parse(policy)!["Statement"]!.AsArray().Select(s => s!["Sid"]!.GetValue<string>()).ToList();

    [Fact]
    public void A_differing_statement_under_a_claimed_Sid_is_ours_to_correct_not_a_SidConflict()
    {
        // A crash came after the write and before the status write: only the claim names the statement.
        var plan = Plan(PolicyWith(Desired("vpce-0999")), Desired(), writtenSid: null, owned: [Sid]);
        Assert.Equal(BucketPolicyPlanKind.Write, plan.Kind);
        Assert.Equal(BucketStatementState.Changed, plan.Comparison!.State);
        Assert.Equal(["AllowRead", Sid], Sids(plan.Policy));
    }

    [Fact]
    public void The_same_statement_unclaimed_is_a_SidConflict_and_nothing_is_written()
    {
        var plan = Plan(PolicyWith(Desired("vpce-0999")), Desired());
        Assert.Equal((BucketPolicyPlanKind.Refuse, BucketPolicyReasons.SidConflict), (plan.Kind, plan.Refusal!.Reason));
        Assert.Null(plan.Policy);
    }

    [Fact]
    public void A_claimed_Sid_that_never_reached_S3_is_written_as_new_not_reported_as_removed()
    {
        var plan = Plan(PolicyWith(), Desired(), writtenSid: null, owned: [Sid], reportOnly: true);
        Assert.Equal((BucketPolicyPlanKind.Write, BucketStatementState.Absent), (plan.Kind, plan.Comparison!.State));
    }

    [Fact]
    public void A_statement_seen_in_place_and_gone_is_drift_that_Report_mode_only_reports()
    {
        var plan = Plan(PolicyWith(), Desired(), writtenSid: Sid, owned: [Sid], reportOnly: true);
        Assert.Equal((BucketPolicyPlanKind.Report, BucketStatementState.Removed), (plan.Kind, plan.Comparison!.State));
    }

    [Fact]
    public void Every_claimed_Sid_but_the_desired_one_leaves_in_the_same_write_and_the_write_claims_them_all_first()
    {
        // status.statementSid Old; a crash after writing Newer; now the spec names Newest.
        var policy = PolicyWith(Desired(sid: "VpceOld"), Desired(sid: "VpceNewer"));
        var plan = Plan(policy, Desired(sid: "VpceNewest"), writtenSid: "VpceOld", owned: ["VpceNewer"]);
        Assert.Equal(BucketPolicyPlanKind.Write, plan.Kind);
        Assert.Equal(["VpceNewer", "VpceOld"], plan.Comparison!.SupersededSids);
        Assert.Equal(["AllowRead", "VpceNewest"], Sids(plan.Policy));
        Assert.Equal(["VpceNewer", "VpceNewest", "VpceOld"], plan.ClaimedDuringWrite);
    }

    [Fact]
    public void A_matching_statement_with_a_claimed_old_one_still_in_place_is_written_to_take_the_old_one_out()
    {
        var plan = Plan(PolicyWith(Desired(sid: "VpceOld"), Desired()), Desired(), writtenSid: "VpceOld");
        Assert.Equal((BucketPolicyPlanKind.Write, BucketStatementState.Matches), (plan.Kind, plan.Comparison!.State));
        Assert.Equal(["AllowRead", Sid], Sids(plan.Policy));
    }

    [Fact]
    public void In_place_and_nothing_else_claimed_is_unchanged()
    {
        var plan = Plan(PolicyWith(Desired()), Desired(), writtenSid: Sid, owned: [Sid, "VpceNeverWritten"]);
        Assert.Equal(BucketPolicyPlanKind.Unchanged, plan.Kind);
    }

    [Theory]
    [InlineData("us-east-1", true, 1, BucketPolicyReasons.RegionMismatch)]
    [InlineData("eu-west-1", false, 1, BucketPolicyReasons.WouldLockOutOperator)]
    [InlineData("eu-west-1", true, 25_000, BucketPolicyReasons.PolicyTooLarge)]
    [InlineData("us-east-1", false, 25_000, BucketPolicyReasons.RegionMismatch)]
    public void The_safety_rules_refuse_in_the_order_a_person_fixes_them(string endpointRegion, bool exemptOperator, int foreignBytes, string reason)
    {
        var filler = new string('x', foreignBytes);
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Big","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/{{filler}}"}]}""";
        var plan = Plan(policy, Desired(exemptOperator: exemptOperator), endpointRegion: endpointRegion);
        Assert.Equal((BucketPolicyPlanKind.Refuse, reason), (plan.Kind, plan.Refusal!.Reason));
        Assert.Null(plan.Policy);
    }

    [Theory]
    [InlineData("us-east-1", true, false)]
    [InlineData("eu-west-1", false, false)]
    public void A_refusal_no_policy_text_could_lift_is_not_read_again(string endpointRegion, bool exemptOperator, bool worth)
    {
        var plan = Plan(PolicyWith(), Desired(exemptOperator: exemptOperator), endpointRegion: endpointRegion);
        Assert.Equal((BucketPolicyPlanKind.Refuse, worth), (plan.Kind, plan.WorthConfirming));
    }

    [Fact]
    public void A_SidConflict_a_write_and_a_report_are_confirmed_on_a_fresh_read_and_unchanged_is_not()
    {
        Assert.True(Plan(PolicyWith(Desired("vpce-0999")), Desired()).WorthConfirming);
        Assert.True(Plan(PolicyWith(), Desired()).WorthConfirming);
        Assert.True(Plan(PolicyWith(), Desired(), writtenSid: Sid, reportOnly: true).WorthConfirming);
        Assert.False(Plan(PolicyWith(Desired()), Desired(), writtenSid: Sid).WorthConfirming);
    }

    [Fact]
    public void Removal_takes_every_claimed_statement_and_keeps_the_foreign_one()
    {
        var removal = BucketPolicyPlanner.PlanRemoval("bucket", PolicyWith(Desired(sid: "VpceOld"), Desired()), [Sid, "VpceOld", "VpceNeverWritten"]);
        Assert.True(removal.Changes);
        Assert.Equal(["AllowRead"], Sids(removal.Remaining));
    }

    [Fact]
    public void A_tampered_status_naming_a_foreign_sid_neither_removes_nor_replaces_it()
    {
        var plan = Plan(PolicyWith(), Desired(), writtenSid: "AllowRead", owned: ["AllowRead"]);
        Assert.Equal(BucketPolicyPlanKind.Write, plan.Kind);
        Assert.Equal(["AllowRead", Sid], Sids(plan.Policy));
        Assert.Equal([Sid], plan.ClaimedDuringWrite);
    }

    [Fact]
    public void Removal_never_takes_a_statement_whose_sid_lacks_the_prefix()
    {
        var removal = BucketPolicyPlanner.PlanRemoval("bucket", PolicyWith(Desired()), ["AllowRead", Sid]);
        Assert.True(removal.Changes);
        Assert.Equal(["AllowRead"], Sids(removal.Remaining));
        Assert.False(BucketPolicyPlanner.PlanRemoval("bucket", PolicyWith(), ["AllowRead"]).Changes);
    }

    [Fact]
    public void A_desired_sid_without_the_prefix_is_never_written()
    {
        var plan = Plan(PolicyWith(), Desired(sid: "AllowWrite"));
        Assert.Equal((BucketPolicyPlanKind.Refuse, ReadyReasons.InvalidSpec), (plan.Kind, plan.Refusal!.Reason));
        Assert.Null(plan.Policy);
    }

    [Fact]
    public void Removal_of_the_last_statement_deletes_the_policy_and_of_nothing_claimed_changes_nothing()
    {
        var alone = BucketPolicyMerge.Upsert(null, Desired().ToJson());
        Assert.Equal(new BucketPolicyRemoval(true, null), BucketPolicyPlanner.PlanRemoval("bucket", alone, [Sid]));
        Assert.False(BucketPolicyPlanner.PlanRemoval("bucket", PolicyWith(), [Sid]).Changes);
        Assert.False(BucketPolicyPlanner.PlanRemoval("bucket", null, [Sid]).Changes);
    }

    // What S3 shows for a statement whose role was deleted after it was written: the role's unique id.
    private const string DeletedRoleStatement = """{"Sid":"ReadForAuditors","Effect":"Allow","Principal":{"AWS":"AROAEXAMPLEDELETED01"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*"}""";

    private static string WithDeletedRole(params DesiredStatement[] statements) =>
        statements.Aggregate($$"""{"Version":"2012-10-17","Statement":[{{DeletedRoleStatement}}]}""", (policy, s) => BucketPolicyMerge.Upsert(policy, s.ToJson()));

    [Fact]
    public void A_foreign_statement_naming_a_deleted_role_is_never_sent_back_nor_dropped()
    {
        var plan = Plan(WithDeletedRole(), Desired());
        Assert.Equal((BucketPolicyPlanKind.Refuse, BucketPolicyReasons.DeletedPrincipalInPolicy), (plan.Kind, plan.Refusal!.Reason));
        Assert.Contains("statement ReadForAuditors", plan.Refusal.Message);
        Assert.Contains("AROAEXAMPLEDELETED01", plan.Refusal.Message);
        Assert.Null(plan.Policy);
        Assert.True(plan.WorthConfirming);
    }

    [Fact]
    public void A_statement_in_place_beside_a_deleted_role_is_left_unchanged()
    {
        Assert.Equal(BucketPolicyPlanKind.Unchanged, Plan(WithDeletedRole(Desired()), Desired(), writtenSid: Sid).Kind);
    }

    [Fact]
    public void Removal_beside_a_deleted_role_is_refused_and_removal_alone_with_it_deletes_nothing_foreign()
    {
        var removal = BucketPolicyPlanner.PlanRemoval("reports-bucket", WithDeletedRole(Desired()), [Sid]);
        Assert.Equal(BucketPolicyReasons.DeletedPrincipalInPolicy, removal.Refusal?.Reason);
        Assert.Contains($"leaves statement {Sid} in place", removal.Refusal!.Message);
        Assert.Null(BucketPolicyPlanner.PlanRemoval("reports-bucket", WithDeletedRole(), [Sid]).Refusal);
    }
}
