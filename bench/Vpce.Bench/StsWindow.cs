namespace Vpce.Bench;

/// <summary>STS sessions counted over time: the target is at most 2 AssumeRole per role per hour, read strictly as
/// at most 2 in any hour-long window.</summary>
public static class StsWindow
{
    /// <summary>The most of <paramref name="issued"/> that fall in one window [t, t + <paramref name="window"/>).</summary>
    public static int MostInAnyWindow(IEnumerable<DateTimeOffset> issued, TimeSpan window)
    {
        var times = issued.Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; first < times.Count; first++)
        {
            while (last < times.Count && times[last] < times[first] + window) last++;
            most = Math.Max(most, last - first);
        }
        return most;
    }
}
