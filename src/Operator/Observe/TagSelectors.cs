namespace Vpce.Operator.Observe;

/// <summary>A tag selector as EC2's tag:KEY filters read it: every key present with exactly that value.</summary>
public static class TagSelectors
{
    public static bool Match(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> selector) =>
        selector.All(s => tags.TryGetValue(s.Key, out var value) && value == s.Value);
}
