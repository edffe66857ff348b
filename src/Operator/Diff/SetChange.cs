namespace Vpce.Operator.Diff;

/// <summary>The add and remove sets that take one association set to the desired one, and what the operator manages after.</summary>
public sealed record SetChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove, IReadOnlyList<string> ManagedAfter, bool Differs)
{
    /// <summary>No change, nothing managed: the answer for a set that does not apply, shared.</summary>
    public static SetChange None { get; } = new([], [], [], false);

    // The sets hold a few ids (at most 16 groups, a handful of subnets and tables), so plain loops find the changes, and
    // nothing is allocated for a part that is empty, which on a clean reconcile is every part.
    /// <summary>Exclusive: actual becomes exactly desired. Additive: add what is missing, remove only what the operator
    /// added and the spec no longer names; others' associations are left alone.</summary>
    public static SetChange Compute(IReadOnlyList<string> desired, IReadOnlyList<string> actual, IReadOnlyList<string> managed, bool additive)
    {
        var add = Sorted(Missing(desired, actual, null));
        if (!additive)
        {
            var remove = Sorted(Missing(actual, desired, null));
            return add.Count == 0 && remove.Count == 0 ? None : new(add, remove, [], true);
        }
        var removeOwned = Sorted(Missing(managed, desired, actual));
        List<string>? after = null;
        for (var i = 0; i < managed.Count; i++)
        {
            if (Contains(desired, managed[i]) && (after is null || !Contains(after, managed[i])))
            {
                (after ??= []).Add(managed[i]);
            }
        }
        for (var i = 0; i < add.Count; i++)
        {
            if (after is null || !Contains(after, add[i]))
            {
                (after ??= []).Add(add[i]);
            }
        }
        var managedAfter = Sorted(after);
        return add.Count == 0 && removeOwned.Count == 0 && managedAfter.Count == 0 ? None : new(add, removeOwned, managedAfter, add.Count > 0 || removeOwned.Count > 0);
    }

    // The distinct ids of <from> not in <notIn> (and, when given, in <within>), in the order first seen.
    private static List<string>? Missing(IReadOnlyList<string> from, IReadOnlyList<string> notIn, IReadOnlyList<string>? within)
    {
        List<string>? missing = null;
        for (var i = 0; i < from.Count; i++)
        {
            var id = from[i];
            if (!Contains(notIn, id) && (within is null || Contains(within, id)) && (missing is null || !Contains(missing, id)))
            {
                (missing ??= []).Add(id);
            }
        }
        return missing;
    }

    private static IReadOnlyList<string> Sorted(List<string>? ids)
    {
        if (ids is null)
        {
            return [];
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static bool Contains(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
