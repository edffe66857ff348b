using System.Text.RegularExpressions;

namespace Vpce.Tests.Deploy;

/// <summary>The metric names a PromQL expression selects: identifiers left once strings, label matchers, groupings, ranges,
/// function calls and operators are taken out (and the label of Grafana's label_values).</summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    };

    public static IReadOnlyList<string> In(string expression)
    {
        // Grafana's label_values(metric, label) in a variable's query: the second argument is a label, not a series.
        var text = LabelValues().Replace(expression, "$1");
        text = QuotedString().Replace(text, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !IsFunctionCall(text, m) && !Keywords.Contains(m.Value))
            .Select(m => m.Value).Distinct().ToList();
    }

    private static bool IsFunctionCall(string text, Match identifier)
    {
        var next = identifier.Index + identifier.Length;
        while (next < text.Length && char.IsWhiteSpace(text[next])) next++;
        return next < text.Length && text[next] == '(';
    }

    [GeneratedRegex(@"label_values\(([^,()]+),\s*\w+\s*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    // Numbers (0.99, 1e3) are not names: an identifier starts with a letter, _ or :, not after a digit or a dot.
    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
