namespace Vpce.Operator.Diff;

/// <summary>The add and remove sets that take one association set to the desired one, and what the operator manages after.</summary>
public sealed record SetChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove, IReadOnlyList<string> ManagedAfter, bool Differs)
{
    /// <summary>Exclusive: actual becomes exactly desired. Additive: add what is missing, remove only what the operator
    /// added and the spec no longer names; others' associations are left alone.</summary>
    public static SetChange Compute(IReadOnlyList<string> desired, IReadOnlyList<string> actual, IReadOnlyList<string> managed, bool additive)
    {
        var add = desired.Except(actual, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!additive)
        {
            var remove = actual.Except(desired, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new(add, remove, [], add.Count > 0 || remove.Count > 0);
        }
        var removeOwned = managed.Except(desired, StringComparer.Ordinal).Intersect(actual, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var managedAfter = managed.Intersect(desired, StringComparer.Ordinal).Union(add, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        return new(add, removeOwned, managedAfter, add.Count > 0 || removeOwned.Count > 0);
    }
}
