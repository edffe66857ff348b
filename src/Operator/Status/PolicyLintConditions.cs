using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The PolicyLint condition and status.policyFindings from the lint's findings, pure. One Warning event per finding
/// when it first appears (<see cref="FindingNews.NewFindings"/>): a finding already in the previous status.policyFindings is
/// not announced again.</summary>
public static class PolicyLintConditions
{
    public static void Record(StatusConditions c, VpcEndpointStatus status, IReadOnlyList<string> previousFindings, IReadOnlyList<PolicyFinding>? findings)
    {
        if (findings is null)
        {
            status.PolicyFindings = status.PolicyFindings.Count == 0 ? status.PolicyFindings : [];
            c.Set(ConditionTypes.PolicyLint, true, PolicyFindingReasons.NoPolicyDocument, "no spec.policyDocument: the endpoint has AWS's full-access default policy");
            return;
        }
        status.PolicyFindings = findings.Select(f => f.Message).ToList();
        if (findings.Count == 0)
        {
            c.Set(ConditionTypes.PolicyLint, true, PolicyFindingReasons.NoFindings, "spec.policyDocument: no findings");
            return;
        }
        foreach (var finding in FindingNews.NewFindings(previousFindings, findings))
        {
            c.Warning(finding.Reason, finding.Message);
        }
        c.Set(ConditionTypes.PolicyLint, false, findings[0].Reason,
            $"spec.policyDocument: {findings.Count} finding{(findings.Count == 1 ? "" : "s")} (applied as written): " + string.Join("; ", findings.Select(f => f.Message)));
    }
}
