using Vpce.Crds;
using Vpce.Operator.Status;

namespace Vpce.Operator.Demo;

/// <summary>Prints VpcEndpoints the way `kubectl get vpce` does, from the CRD's printer columns.</summary>
public static class VpceTable
{
    public static string Render(IEnumerable<VpcEndpoint> endpoints, DateTimeOffset now)
    {
        var rows = new List<string[]> { new[] { "NAME", "TYPE", "SERVICE", "ENDPOINT", "STATE", "READY", "DRIFTED", "AGE" } };
        foreach (var e in endpoints.OrderBy(e => e.Metadata.Name, StringComparer.Ordinal))
        {
            var s = e.Status;
            rows.Add(
            [
                e.Metadata.Name, s?.Type ?? "", s?.ServiceName ?? "", s?.EndpointId ?? "", s?.State ?? "",
                ConditionList.Find(s?.Conditions, ConditionTypes.Ready)?.Status ?? "",
                ConditionList.Find(s?.Conditions, ConditionTypes.Drifted)?.Status ?? "",
                KubectlTable.Age(now - (e.Metadata.CreationTimestamp ?? now)),
            ]);
        }
        return KubectlTable.Format(rows);
    }
}
