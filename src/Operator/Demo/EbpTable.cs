using Vpce.Crds;
using Vpce.Operator.Status;

namespace Vpce.Operator.Demo;

/// <summary>Prints EndpointBucketPolicies the way `kubectl get ebp` does, from the CRD's printer columns.</summary>
public static class EbpTable
{
    public static string Render(IEnumerable<EndpointBucketPolicy> policies, DateTimeOffset now)
    {
        var rows = new List<string[]> { new[] { "NAME", "BUCKET", "ENDPOINTS", "READY", "DRIFTED", "AGE" } };
        foreach (var p in policies.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var s = p.Status;
            rows.Add(
            [
                p.Metadata.Name, p.Spec.Bucket,
                // kubectl prints a list column as JSON.
                s is { EndpointIds.Count: > 0 } ? "[\"" + string.Join("\",\"", s.EndpointIds) + "\"]" : "",
                ConditionList.Find(s?.Conditions, ConditionTypes.Ready)?.Status ?? "",
                ConditionList.Find(s?.Conditions, ConditionTypes.Drifted)?.Status ?? "",
                KubectlTable.Age(now - (p.Metadata.CreationTimestamp ?? now)),
            ]);
        }
        return KubectlTable.Format(rows);
    }
}
