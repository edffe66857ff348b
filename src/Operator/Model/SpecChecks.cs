using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>The checks both spec validators make. Each adds a <see cref="SpecError"/> that names the field, and
/// keeps what it adds short: the errors become one condition message, which the API server caps at 32 KB.</summary>
internal static class SpecChecks
{
    /// <summary>Past this many bad items in one list or map, the rest are counted in one error.</summary>
    public const int ItemErrorsPerField = 10;
    private const int ShownLength = 64;

    private static readonly ConcurrentDictionary<string, Regex> Compiled = new();

    /// <summary>True when the whole value matches. Unlike the API server's (Go's), .NET's $ also matches before a final
    /// newline, so a match that stops short of the end is no match.</summary>
    public static bool Matches(string value, string pattern)
    {
        // The first match, as Match finds it, without allocating one.
        foreach (var match in Compiled.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant)).EnumerateMatches(value))
        {
            return match.Index == 0 && match.Length == value.Length;
        }
        return false;
    }

    /// <summary>A value as an error shows it: quoted, and cut short when long.</summary>
    public static string Show(string? value) =>
        value is null ? "null"
        : value.Length <= ShownLength ? $"\"{value}\""
        : $"\"{value[..ShownLength]}…\" ({value.Length} characters)";

    public static void Pattern(List<SpecError> errors, string field, string? value, string pattern, string what)
    {
        if (value is not null && !Matches(value, pattern))
        {
            errors.Add(new(field, $"{Show(value)} is not {what}"));
        }
    }

    /// <summary>At most <paramref name="max"/> items, each matching <paramref name="pattern"/>. A list over its bound
    /// is refused as a whole, without an error per item.</summary>
    public static void Items(List<SpecError> errors, string field, IReadOnlyList<string?>? items, int max, string noun,
        string pattern, string what)
    {
        if (items is null)
        {
            return;
        }
        if (items.Count > max)
        {
            errors.Add(new(field, $"{items.Count} {noun}; at most {max}"));
            return;
        }
        var bad = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && Matches(item, pattern))
            {
                continue;
            }
            if (++bad <= ItemErrorsPerField)
            {
                errors.Add(new($"{field}[{i}]", $"{Show(items[i])} is not {what}"));
            }
        }
        MoreBad(errors, field, bad, noun);
    }

    /// <summary>AWS's tag bounds: at most <paramref name="max"/> tags (else "N tags; <paramref name="bound"/>"), keys
    /// 1-128 characters, values at most 256; with <paramref name="refuseReserved"/>, no aws: or vpce.io/ keys.</summary>
    public static void Tags(List<SpecError> errors, string field, IReadOnlyDictionary<string, string>? tags, int max,
        string bound, bool refuseReserved)
    {
        if (tags is null)
        {
            return;
        }
        if (tags.Count > max)
        {
            errors.Add(new(field, $"{tags.Count} tags; {bound}"));
            return;
        }
        if (AllFine(tags, refuseReserved))
        {
            return;
        }
        var bad = 0;
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var problem = TagProblem(key, value, refuseReserved);
            if (problem is not null && ++bad <= ItemErrorsPerField)
            {
                errors.Add(new($"{field}[{ShortKey(key)}]", problem));
            }
        }
        MoreBad(errors, field, bad, "tags");
    }

    public static void Enum(List<SpecError> errors, string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(new(field, $"{Show(value)} is not one of {string.Join(", ", allowed)}"));
        }
    }

    public static void MoreBad(List<SpecError> errors, string field, int bad, string noun)
    {
        if (bad > ItemErrorsPerField)
        {
            errors.Add(new(field, $"and {bad - ItemErrorsPerField} more {noun} like these"));
        }
    }

    // Nearly always so: checked without ordering the tags, which only the errors' order needs.
    private static bool AllFine(IReadOnlyDictionary<string, string> tags, bool refuseReserved)
    {
        if (tags is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                if (TagProblem(key, value, refuseReserved) is not null)
                {
                    return false;
                }
            }
            return true;
        }
        return tags.All(t => TagProblem(t.Key, t.Value, refuseReserved) is null);
    }

    private static string? TagProblem(string key, string? value, bool refuseReserved)
    {
        if (refuseReserved && OwnershipTags.IsReserved(key))
        {
            return "keys starting with aws: or vpce.io/ are reserved";
        }
        if (key.Length is 0 or > AwsLimits.TagKeyMaxLength)
        {
            return $"tag keys are 1-{AwsLimits.TagKeyMaxLength} characters; this one has {key.Length}";
        }
        if (value is null)
        {
            return "a tag value is a string (empty is fine), not null";
        }
        return value.Length > AwsLimits.TagValueMaxLength
            ? $"tag values are at most {AwsLimits.TagValueMaxLength} characters; this one has {value.Length}"
            : null;
    }

    private static string ShortKey(string key) => key.Length <= ShownLength ? key : key[..ShownLength] + "…";
}
