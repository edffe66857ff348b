using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;

namespace Vpce.Operator.Status;

/// <summary>The network-path conditions from what the checks found (<see cref="NetworkPathChecks"/>), advisory (they never
/// stop a write, nor make the object not Ready): Gateway, RoutesCovered and status.subnetCoverage; Interface, DnsSupported,
/// HttpsAllowed and NetworkAclAllows. A check that turns False is announced with a Warning event, and again only when what
/// it finds changes (<see cref="FindingNews"/>).</summary>
public static class NetworkPathConditions
{
    public static void Record(VpcEndpointStatus status, StatusConditions c, DesiredEndpoint desired, NetworkPathFindings found)
    {
        if (found.IsGateway)
        {
            c.Remove(ConditionTypes.DnsSupported);
            c.Remove(ConditionTypes.HttpsAllowed);
            c.Remove(ConditionTypes.NetworkAclAllows);
            if (found.Routes is { } routes)
            {
                if (!SameCoverage(status.SubnetCoverage, routes.Coverage))
                {
                    status.SubnetCoverage = routes.Coverage.Select(s => new SubnetCoverage
                    {
                        SubnetId = s.SubnetId, RouteTableId = s.RouteTableId, MainRouteTable = s.ViaMainTable, Covered = s.Covered, DefaultRouteTarget = s.DefaultRouteTarget,
                    }).ToList();
                }
                Set(c, ConditionTypes.RoutesCovered, routes.Finding);
            }
            return;
        }
        c.Remove(ConditionTypes.RoutesCovered);
        if (status.SubnetCoverage.Count > 0)
        {
            status.SubnetCoverage = [];
        }
        if (desired.PrivateDnsEnabled != true)
        {
            c.Set(ConditionTypes.DnsSupported, true, "PrivateDnsDisabled", "private DNS is off; clients use the endpoint's own DNS names");
        }
        else if (found.Dns is { } dns)
        {
            Set(c, ConditionTypes.DnsSupported, dns);
        }
        if (found.Https is { } https)
        {
            Set(c, ConditionTypes.HttpsAllowed, https);
        }
        if (found.Acls is { } acls)
        {
            Set(c, ConditionTypes.NetworkAclAllows, acls);
        }
    }

    private static void Set(StatusConditions c, string type, CheckFinding finding) => c.SetCheck(type, finding.Ok, finding.Reason, finding.Message);

    // The status keeps its own list while it says what the check found.
    private static bool SameCoverage(List<SubnetCoverage> recorded, IReadOnlyList<SubnetRouteCoverage> found)
    {
        if (recorded.Count != found.Count)
        {
            return false;
        }
        for (var i = 0; i < found.Count; i++)
        {
            var (r, f) = (recorded[i], found[i]);
            if (r.SubnetId != f.SubnetId || r.RouteTableId != f.RouteTableId || r.MainRouteTable != f.ViaMainTable || r.Covered != f.Covered
                || r.DefaultRouteTarget != f.DefaultRouteTarget)
            {
                return false;
            }
        }
        return true;
    }

}
