namespace Vpce.Operator.Diff;

/// <summary>Additive mode: the associations the operator itself added, and so may remove.</summary>
public sealed record ManagedSets(IReadOnlyList<string> RouteTableIds, IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    public static ManagedSets Empty { get; } = new([], [], []);
}
