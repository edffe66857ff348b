using Vpce.Ports.Aws;

namespace Vpce.Operator.Diff;

/// <summary>The named differences between desired and actual, and the smallest calls that remove them.</summary>
public sealed record EndpointDelta
{
    public IReadOnlyList<FieldDifference> Differences { get; init; } = [];
    /// <summary>The one ModifyVpcEndpoint call; empty when nothing is to change.</summary>
    public required ModifyEndpointRequest Modify { get; init; }
    /// <summary>Gateway route tables whose prefix-list route is missing: re-associating them restores it.</summary>
    public IReadOnlyList<string> ReassociateRouteTableIds { get; init; } = [];
    /// <summary>Gateway route tables whose prefix-list route is missing while AWS may not show it yet (a route change of its
    /// own propagating): not drift, looked at again.</summary>
    public IReadOnlyList<string> RoutesNotShownYet { get; init; } = [];
    public IReadOnlyDictionary<string, string> TagsToSet { get; init; } = Tag.None;
    /// <summary>Tags the operator applied earlier that the spec no longer names.</summary>
    public IReadOnlyList<string> TagKeysToRemove { get; init; } = [];
    public required ManagedSets ManagedAfter { get; init; }

    public bool IsEmpty => Differences.Count == 0;

    /// <summary>Some route AWS may not show yet is missing (<see cref="RoutesNotShownYet"/>).</summary>
    public bool AwaitsRoutes => RoutesNotShownYet.Count > 0;
}
