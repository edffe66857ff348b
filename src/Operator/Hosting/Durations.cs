using System.Globalization;
using System.Text.RegularExpressions;

namespace Vpce.Operator.Hosting;

/// <summary>Durations as Kubernetes tools write them (90s, 2m, 1h30m), or as TimeSpan text (00:02:00).</summary>
public static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && trimmed.Contains(':'))
        {
            return duration > TimeSpan.Zero;
        }
        var match = GoDuration().Match(trimmed);
        if (!match.Success || trimmed.Length == 0)
        {
            return false;
        }
        duration = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.IndexOfAny(['h', 'm', 's']);
            var number = double.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
            duration += part.Value[unitStart..] switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                _ => TimeSpan.FromMilliseconds(number),
            };
        }
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(\.[0-9]+)?(ms|h|m|s))+$")]
    private static partial Regex GoDuration();
}
