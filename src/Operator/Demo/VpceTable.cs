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
                Age(now - (e.Metadata.CreationTimestamp ?? now)),
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return string.Join("\n", rows.Select(r => string.Join("   ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()));
    }

    /// <summary>kubectl's short ages: 45s, 3m12s, 2h5m, 3d.</summary>
    public static string Age(TimeSpan age) =>
        age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds}s"
        : age.TotalMinutes < 10 ? (age.Seconds == 0 ? $"{(int)age.TotalMinutes}m" : $"{(int)age.TotalMinutes}m{age.Seconds}s")
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h{age.Minutes}m"
        : $"{(int)age.TotalDays}d";
}
