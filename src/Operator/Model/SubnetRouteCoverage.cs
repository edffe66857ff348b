namespace Vpce.Operator.Model;

/// <summary>One subnet's way to a gateway service: the route table it uses (its explicit association, or the VPC's main
/// table), whether that table routes the service's prefix list, and where its default route (0.0.0.0/0) sends traffic
/// otherwise (null: no default route, the traffic goes nowhere).</summary>
public sealed record SubnetRouteCoverage(string SubnetId, string? RouteTableId, bool ViaMainTable, bool Covered, string? DefaultRouteTarget,
    bool DefaultRouteBlackhole = false);
