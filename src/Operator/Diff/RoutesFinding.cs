using Vpce.Operator.Model;

namespace Vpce.Operator.Diff;

/// <summary>RoutesCovered's answer for one set of subnets: each subnet's coverage (status.subnetCoverage) and the condition.</summary>
public sealed record RoutesFinding(IReadOnlyList<SubnetRouteCoverage> Coverage, CheckFinding Finding);
