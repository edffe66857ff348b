namespace Vpce.Operator.Model;

/// <summary>A list of ids as a dictionary key, equal to another with the same ids in the same order: the lists each reconcile
/// builds anew then find what was kept for an equal one.</summary>
public readonly struct IdsKey(IReadOnlyList<string> ids) : IEquatable<IdsKey>
{
    public IReadOnlyList<string> Ids { get; } = ids;

    public bool Equals(IdsKey other)
    {
        if (ReferenceEquals(Ids, other.Ids))
        {
            return true;
        }
        if (Ids.Count != other.Ids.Count)
        {
            return false;
        }
        for (var i = 0; i < Ids.Count; i++)
        {
            if (!string.Equals(Ids[i], other.Ids[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is IdsKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Ids.Count; i++)
        {
            hash.Add(Ids[i], StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(IdsKey left, IdsKey right) => left.Equals(right);

    public static bool operator !=(IdsKey left, IdsKey right) => !left.Equals(right);
}
