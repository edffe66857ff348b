namespace Vpce.Operator.Diff;

/// <summary>What the operator itself put on the endpoint, and so may take off: in Additive mode the associations it added;
/// in both modes the keys of spec.tags it applied (so a tag deleted from the spec is deleted on AWS, others' tags stay).</summary>
public sealed record ManagedSets(IReadOnlyList<string> RouteTableIds, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    public static ManagedSets Empty { get; } = new([], [], []);

    public IReadOnlyList<string> TagKeys { get; init; } = [];

    /// <summary>Both sets together: what the object owns while a write that takes this to <paramref name="other"/> is in flight.</summary>
    public ManagedSets Union(ManagedSets other) =>
        new(Join(RouteTableIds, other.RouteTableIds), Join(SubnetIds, other.SubnetIds), Join(SecurityGroupIds, other.SecurityGroupIds))
        {
            TagKeys = Join(TagKeys, other.TagKeys),
        };

    /// <summary>True when every id and key of <paramref name="other"/> is in these sets already.</summary>
    public bool Covers(ManagedSets other) =>
        other.RouteTableIds.All(RouteTableIds.Contains) && other.SubnetIds.All(SubnetIds.Contains)
        && other.SecurityGroupIds.All(SecurityGroupIds.Contains) && other.TagKeys.All(TagKeys.Contains);

    private static IReadOnlyList<string> Join(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Union(b, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
