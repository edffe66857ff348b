using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>Which findings of the advisory checks are news, the one rule every check follows: a finding the previous status
/// already showed is not announced again (a resync never repeats a Warning), one it did not show is. A check condition's
/// finding is its False reason and message together: a check that turns False is news, and so is one that stays False but
/// says something else (the missing companions, the uncovered subnets, the denying rule changed), since the last Warning
/// would otherwise describe a state that is gone. PolicyLint's findings stand each on its own in status.policyFindings: one
/// that appears is news; one that stays or goes is not (the Warnings of the others still say what they said).</summary>
public static class FindingNews
{
    /// <summary>A check about to be set to <paramref name="ok"/> with this reason and message, against the condition before.</summary>
    public static bool IsNews(Condition? before, bool ok, string reason, string message) =>
        !ok && !(before is { Status: ConditionStatus.False } && before.Reason == reason && before.Message == message);

    /// <summary>The lint findings not in the previous status.policyFindings, in their order.</summary>
    public static IReadOnlyList<PolicyFinding> NewFindings(IReadOnlyCollection<string> before, IReadOnlyList<PolicyFinding> now) =>
        now.Where(f => !before.Contains(f.Message)).DistinctBy(f => f.Message).ToList();
}
