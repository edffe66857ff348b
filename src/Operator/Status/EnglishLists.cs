namespace Vpce.Operator.Status;

/// <summary>Lists in condition messages as a person writes them.</summary>
public static class EnglishLists
{
    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string And(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }
}
