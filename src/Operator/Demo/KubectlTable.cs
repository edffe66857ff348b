namespace Vpce.Operator.Demo;

/// <summary>Rows laid out the way `kubectl get` prints them: columns padded to their widest cell, three spaces apart.</summary>
public static class KubectlTable
{
    public static string Format(IReadOnlyList<string[]> rows)
    {
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
