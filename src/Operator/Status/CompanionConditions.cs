using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The CompanionsPresent condition from the companion reports, pure: True when every member of each set the
/// endpoint depends on is in the VPC, False naming the missing ones (a Warning when it turns False and again when the
/// missing ones change), none for a service outside every set. Unknown (the VPC's endpoints not read) leaves the condition
/// as it was.</summary>
public static class CompanionConditions
{
    public const string AllPresent = "CompanionsPresent";
    public const string Missing = "CompanionsMissing";

    // The reports of one VPC's endpoint set are one list for all its dependents: its words are written once.
    private static readonly SnapshotMemo<IReadOnlyList<CompanionReport>, string, CheckFinding> Findings = new();

    public static void Record(StatusConditions c, string vpcId, IReadOnlyList<CompanionReport>? reports)
    {
        if (reports is null)
        {
            return;
        }
        if (reports.Count == 0)
        {
            c.Remove(ConditionTypes.CompanionsPresent);
            return;
        }
        var finding = Findings.Get(reports, vpcId, static (all, vpc) =>
        {
            var complete = all.All(r => r.Complete);
            return new CheckFinding(complete, complete ? AllPresent : Missing, string.Join("; ", all.Select(r => Describe(r, vpc))));
        });
        c.SetCheck(ConditionTypes.CompanionsPresent, finding.Ok, finding.Reason, finding.Message);
    }

    private static string Describe(CompanionReport report, string vpcId)
    {
        var present = report.Present.Select(p => $"{p.Member} ({p.EndpointId})").ToList();
        if (report.Complete)
        {
            return $"{report.Set.Name}: {EnglishLists.And(present)} are all in {vpcId}";
        }
        var there = present.Count == 0 ? "" : $" ({EnglishLists.And(present)} {(present.Count == 1 ? "is" : "are")} there)";
        return $"{report.Set.Name} needs {EnglishLists.And(report.Set.Members.Select(m => m.ToString()))} in {vpcId}: " +
               $"{EnglishLists.And(report.Missing.Select(m => m.ToString()))} {(report.Missing.Count == 1 ? "is" : "are")} missing{there}";
    }
}
