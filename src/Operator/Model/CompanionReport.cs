namespace Vpce.Operator.Model;

/// <summary>One companion set seen from one of its dependents: each member found in the VPC with its endpoint, and the
/// members missing.</summary>
public sealed record CompanionReport(CompanionSet Set, IReadOnlyList<(CompanionService Member, string EndpointId)> Present,
    IReadOnlyList<CompanionService> Missing)
{
    public bool Complete => Missing.Count == 0;
}
