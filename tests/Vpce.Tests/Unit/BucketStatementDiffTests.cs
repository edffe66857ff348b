using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class BucketStatementDiffTests
{
    private const string Sid = "VpceReportsPrivatePlatform";
    private const string Foreign = """{"Sid":"AllowRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*"}""";

    private static DesiredStatement Desired(string vpce = "vpce-0123", string sid = Sid) => new()
    {
        Sid = sid, Bucket = "reports-bucket", Actions = ["s3:*"], EndpointIds = [vpce],
        ExemptPrincipalArns = ["arn:aws:iam::123456789012:role/vpce-operator"],
    };

    private static string PolicyWith(DesiredStatement statement) =>
        BucketPolicyMerge.Upsert($$"""{"Version":"2012-10-17","Statement":[{{Foreign}}]}""", statement.ToJson());

    [Fact]
    public void No_policy_and_never_written_is_absent_not_drift()
    {
        var comparison = BucketStatementDiff.Compare(null, Desired(), writtenSid: null);
        Assert.Equal(BucketStatementState.Absent, comparison.State);
        Assert.False(comparison.IsDrift);
        Assert.True(comparison.NeedsWrite);
        Assert.Empty(comparison.Differences);
    }

    [Fact]
    public void Our_statement_gone_after_we_wrote_it_is_StatementRemoved()
    {
        var comparison = BucketStatementDiff.Compare($$"""{"Statement":[{{Foreign}}]}""", Desired(), writtenSid: Sid);
        Assert.Equal(BucketStatementState.Removed, comparison.State);
        Assert.True(comparison.IsDrift);
        Assert.True(comparison.NeedsWrite);
        Assert.Equal(DriftReasons.StatementRemoved, Assert.Single(comparison.Differences).Reason);
    }

    [Fact]
    public void A_respelt_statement_matches()
    {
        // As AWS might hand it back: single values unwrapped, keys reordered, "*" as {"AWS":"*"}.
        var respelt = """{"Statement":[{"Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/vpce-operator"},"StringNotEquals":{"aws:SourceVpce":"vpce-0123"}},"Resource":["arn:aws:s3:::reports-bucket/*","arn:aws:s3:::reports-bucket"],"Action":"s3:*","Principal":{"AWS":"*"},"Effect":"Deny","Sid":"VpceReportsPrivatePlatform"}]}""";
        var comparison = BucketStatementDiff.Compare(respelt, Desired(), writtenSid: Sid);
        Assert.Equal(BucketStatementState.Matches, comparison.State);
        Assert.False(comparison.NeedsWrite);
    }

    [Fact]
    public void A_changed_statement_we_wrote_is_StatementChanged_naming_what_differs()
    {
        var comparison = BucketStatementDiff.Compare(PolicyWith(Desired("vpce-0999")), Desired(), writtenSid: Sid);
        Assert.Equal(BucketStatementState.Changed, comparison.State);
        Assert.True(comparison.IsDrift);
        var difference = Assert.Single(comparison.Differences);
        Assert.Equal(("statement.Condition", DriftReasons.StatementChanged), (difference.Field, difference.Reason));
        Assert.Contains("vpce-0123", difference.Desired);
        Assert.Contains("vpce-0999", difference.Actual);
        Assert.Null(comparison.Refusal);
    }

    [Fact]
    public void A_differing_statement_under_our_sid_we_never_wrote_is_a_SidConflict()
    {
        var comparison = BucketStatementDiff.Compare(PolicyWith(Desired("vpce-0999")), Desired(), writtenSid: null);
        Assert.Equal(BucketStatementState.SidConflict, comparison.State);
        Assert.False(comparison.NeedsWrite);
        Assert.False(comparison.IsDrift);
        Assert.Equal(BucketPolicyReasons.SidConflict, comparison.Refusal?.Reason);
        Assert.Contains("statement.Condition", comparison.Refusal!.Message);
    }

    [Fact]
    public void A_matching_statement_under_our_sid_we_never_wrote_is_adopted()
    {
        var comparison = BucketStatementDiff.Compare(PolicyWith(Desired()), Desired(), writtenSid: null);
        Assert.Equal(BucketStatementState.Matches, comparison.State);
        Assert.Null(comparison.Refusal);
    }

    [Fact]
    public void A_second_statement_under_our_sid_is_drift()
    {
        var twice = $$"""{"Statement":[{{Desired().ToJson().ToJsonString()}},{{Desired().ToJson().ToJsonString()}}]}""";
        var comparison = BucketStatementDiff.Compare(twice, Desired(), writtenSid: Sid);
        Assert.Equal(BucketStatementState.Changed, comparison.State);
        Assert.Equal("statement", Assert.Single(comparison.Differences).Field);
    }

    [Fact]
    public void A_misshapen_statement_under_our_sid_differs_and_is_shown_as_it_is()
    {
        var policy = $$"""{"Statement":[{"Sid":"{{Sid}}","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::reports-bucket","Condition":"odd"}]}""";
        var comparison = BucketStatementDiff.Compare(policy, Desired(), writtenSid: Sid);
        Assert.Equal(BucketStatementState.Changed, comparison.State);
        Assert.Contains("odd", Assert.Single(comparison.Differences).Actual);
    }

    [Fact]
    public void A_statement_under_the_sid_we_wrote_before_is_superseded_when_the_sid_changes()
    {
        var policy = PolicyWith(Desired(sid: "VpceOldSid"));
        var comparison = BucketStatementDiff.Compare(policy, Desired(), writtenSid: "VpceOldSid");
        Assert.Equal(BucketStatementState.Absent, comparison.State);
        Assert.Equal(["VpceOldSid"], comparison.SupersededSids);

        var moved = BucketPolicyMerge.Upsert(BucketPolicyMerge.Remove(policy, "VpceOldSid"), Desired().ToJson());
        var after = BucketStatementDiff.Compare(moved, Desired(), writtenSid: "VpceOldSid");
        Assert.Equal((BucketStatementState.Matches, 0, false), (after.State, after.SupersededSids.Count, after.NeedsWrite));
    }

    [Fact]
    public void A_malformed_policy_is_reported_as_such() =>
        Assert.Throws<MalformedBucketPolicyException>(() => BucketStatementDiff.Compare("{", Desired(), Sid));

    [Fact]
    public void A_status_naming_a_foreign_sid_claims_nothing()
    {
        // status.statementSid and status.ownedStatementSids patched to name a statement someone else wrote.
        var comparison = BucketStatementDiff.Compare($$"""{"Statement":[{{Foreign}}]}""", Desired(), writtenSid: "AllowRead", ["AllowRead", "VpceOld"]);
        Assert.Empty(comparison.SupersededSids);
        Assert.Equal(["VpceOld"], BucketStatementDiff.Claimed("AllowRead", ["AllowRead", "VpceOld", ""]));
    }

    [Fact]
    public void A_foreign_statement_under_a_foreign_sid_the_status_claims_is_a_SidConflict()
    {
        var foreign = Desired(sid: "AllowRead");
        var policy = PolicyWith(Desired("vpce-0999", sid: "AllowRead"));
        var comparison = BucketStatementDiff.Compare(policy, foreign, writtenSid: "AllowRead", ["AllowRead"]);
        Assert.Equal(BucketStatementState.SidConflict, comparison.State);
    }
}
