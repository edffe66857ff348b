namespace Vpce.Operator.Diff;

/// <summary>What the operator itself put on the endpoint, and so may take off: in Additive mode the associations it added;
/// in both modes the keys of spec.tags it applied (so a tag deleted from the spec is deleted on AWS, others' tags stay).</summary>
public sealed record ManagedSets(IReadOnlyList<string> RouteTableIds, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    public static ManagedSets Empty { get; } = new([], [], []);

    public IReadOnlyList<string> TagKeys { get; init; } = [];
}
