using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Status;

namespace Vpce.Tests.Unit;

/// <summary>The one rule for announcing advisory findings: news is a finding the previous status did not show.</summary>
public sealed class FindingNewsTests
{
    private const string Missing = "CompanionsMissing";
    private const string Both = "ssmmessages and ec2messages are missing";
    private const string One = "ec2messages is missing";

    public static TheoryData<string?, string?, string?, bool, string, string, bool> Checks => new()
    {
        // before: status, reason, message (null: no condition yet); then the check now; then whether it is news
        { null, null, null, false, Missing, Both, true },                                    // False at creation
        { null, null, null, true, "CompanionsPresent", "all there", false },                  // True at creation
        { ConditionStatus.True, "CompanionsPresent", "all there", false, Missing, One, true }, // turns False
        { ConditionStatus.Unknown, "Checking", "not read yet", false, Missing, One, true },    // from Unknown to False
        { ConditionStatus.False, Missing, Both, false, Missing, Both, false },                 // the same again: a resync
        { ConditionStatus.False, Missing, Both, false, Missing, One, true },                   // the missing set shrank
        { ConditionStatus.False, Missing, One, false, Missing, Both, true },                   // and grew again
        { ConditionStatus.False, "HttpsBlocked", "no group admits 443", false, "HttpsElsewhere", "no group admits 443", true }, // reason moved
        { ConditionStatus.False, Missing, Both, true, "CompanionsPresent", "all there", false }, // turns True: good news is no Warning
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void A_check_is_news_when_it_turns_false_or_says_something_else(string? status, string? reason, string? message, bool ok,
        string nowReason, string nowMessage, bool news)
    {
        var before = status is null ? null : new Condition { Type = ConditionTypes.CompanionsPresent, Status = status, Reason = reason!, Message = message! };
        Assert.Equal(news, FindingNews.IsNews(before, ok, nowReason, nowMessage));
    }

    private static readonly PolicyFinding Elsewhere = new(PolicyFindingReasons.BucketInOtherRegion, "bucket b is in us-east-1");
    private static readonly PolicyFinding Ignored = new(PolicyFindingReasons.PolicyIgnored, "the service ignores endpoint policies");

    public static TheoryData<string[], PolicyFinding[], string[]> Lints => new()
    {
        { [], [Elsewhere], [Elsewhere.Message] },                                       // the first finding
        { [Elsewhere.Message], [Elsewhere], [] },                                       // seen again: a resync
        { [Elsewhere.Message], [Elsewhere, Ignored], [Ignored.Message] },               // one more: only it
        { [Elsewhere.Message, Ignored.Message], [Ignored], [] },                        // one gone: the other was said
        { [], [Elsewhere, Elsewhere], [Elsewhere.Message] },                            // two statements, one finding
        { [Elsewhere.Message], [], [] },
    };

    [Theory]
    [MemberData(nameof(Lints))]
    public void A_lint_finding_is_news_when_the_previous_findings_did_not_hold_it(string[] before, PolicyFinding[] now, string[] news) =>
        Assert.Equal(news, FindingNews.NewFindings(before, now).Select(f => f.Message));
}
