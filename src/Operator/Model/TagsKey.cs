namespace Vpce.Operator.Model;

/// <summary>A selector's tags as a dictionary key, equal to another with the same pairs in any order: the copy each
/// reconcile makes of a spec then finds what was kept for the same selector.</summary>
public readonly struct TagsKey(IReadOnlyDictionary<string, string> tags) : IEquatable<TagsKey>
{
    public IReadOnlyDictionary<string, string> Tags { get; } = tags;

    public bool Equals(TagsKey other)
    {
        if (ReferenceEquals(Tags, other.Tags))
        {
            return true;
        }
        if (Tags.Count != other.Tags.Count)
        {
            return false;
        }
        // A Dictionary's own enumerator is a struct, walked without allocating; the interface's is not.
        if (Tags is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                if (!other.Tags.TryGetValue(key, out var theirs) || !string.Equals(value, theirs, StringComparison.Ordinal))
                {
                    return false;
                }
            }
            return true;
        }
        return Tags.All(p => other.Tags.TryGetValue(p.Key, out var theirs) && string.Equals(p.Value, theirs, StringComparison.Ordinal));
    }

    public override bool Equals(object? obj) => obj is TagsKey other && Equals(other);

    // Order-free: the sum of the pairs' hashes.
    public override int GetHashCode()
    {
        var hash = 0;
        if (Tags is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                hash += Pair(key, value);
            }
            return hash;
        }
        foreach (var (key, value) in Tags)
        {
            hash += Pair(key, value);
        }
        return hash;
    }

    private static int Pair(string key, string? value) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value is null ? 0 : StringComparer.Ordinal.GetHashCode(value));

    public static bool operator ==(TagsKey left, TagsKey right) => left.Equals(right);

    public static bool operator !=(TagsKey left, TagsKey right) => !left.Equals(right);
}
