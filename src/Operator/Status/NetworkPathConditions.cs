using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Status;

/// <summary>The network-path checks, pure and advisory (they never stop a write, nor make the object not Ready): Gateway,
/// RoutesCovered and status.subnetCoverage; Interface, DnsSupported, HttpsAllowed and NetworkAclAllows. A check that turns
/// False is announced with a Warning event, and again only when what it finds changes (<see cref="FindingNews"/>).</summary>
public static class NetworkPathConditions
{
    /// <summary>A message names at most this many subnets or ACLs; status.subnetCoverage holds every subnet.</summary>
    private const int Named = 10;

    public static void Record(VpcEndpointStatus status, StatusConditions c, DesiredEndpoint desired, AwsVpc? vpc, EndpointReading reading,
        AwsEndpoint? endpoint)
    {
        if (desired.IsGateway)
        {
            c.Remove(ConditionTypes.DnsSupported);
            c.Remove(ConditionTypes.HttpsAllowed);
            c.Remove(ConditionTypes.NetworkAclAllows);
            RoutesCovered(status, c, desired, reading);
            return;
        }
        c.Remove(ConditionTypes.RoutesCovered);
        status.SubnetCoverage = [];
        DnsSupported(c, desired, reading);
        var vpcCidrs = vpc?.CidrBlocks ?? [];
        if (vpcCidrs.Count == 0)
        {
            return;
        }
        HttpsAllowed(c, vpcCidrs, reading, endpoint);
        NetworkAclAllows(c, desired, vpcCidrs, reading);
    }

    private static void RoutesCovered(VpcEndpointStatus status, StatusConditions c, DesiredEndpoint desired, EndpointReading reading)
    {
        if (reading.VpcRouteTables is not { } tables || reading.PrefixListId is not { } prefixList)
        {
            return;
        }
        var named = desired.RouteSubnetIds.Count > 0;
        var coverage = RouteCoverage.Evaluate(named ? desired.RouteSubnetIds : reading.VpcSubnetIds, tables, prefixList);
        status.SubnetCoverage = coverage.Select(s => new SubnetCoverage
        {
            SubnetId = s.SubnetId, RouteTableId = s.RouteTableId, MainRouteTable = s.ViaMainTable, Covered = s.Covered, DefaultRouteTarget = s.DefaultRouteTarget,
        }).ToList();
        var which = named ? "subnets named in the spec" : $"subnets of {desired.VpcId}";
        var uncovered = coverage.Where(s => !s.Covered).ToList();
        if (uncovered.Count == 0)
        {
            c.SetCheck(ConditionTypes.RoutesCovered, true, "SubnetsCovered", coverage.Count == 0
                ? $"{desired.VpcId} has no subnets"
                : $"all {coverage.Count} {which} route {prefixList} ({desired.ServiceName}) to the endpoint");
            return;
        }
        var words = uncovered.Take(Named).Select(s => s.RouteTableId is null
            ? $"{s.SubnetId} has no route table"
            : $"{s.SubnetId} ({(s.ViaMainTable ? "the main route table " : "route table ")}{s.RouteTableId}) sends it to {RouteCoverage.DescribeDefaultRoute(s)}");
        c.SetCheck(ConditionTypes.RoutesCovered, false, "SubnetsUncovered",
            $"{uncovered.Count} of {coverage.Count} {which} have no route to {prefixList}, so their traffic to {desired.ServiceName} misses the endpoint: " +
            string.Join("; ", words) + More(uncovered.Count, "status.subnetCoverage lists every subnet"));
    }

    private static void DnsSupported(StatusConditions c, DesiredEndpoint desired, EndpointReading reading)
    {
        if (desired.PrivateDnsEnabled != true)
        {
            c.Set(ConditionTypes.DnsSupported, true, "PrivateDnsDisabled", "private DNS is off; clients use the endpoint's own DNS names");
        }
        else if (reading.VpcDns is { } dns)
        {
            var off = new List<string>();
            if (!dns.EnableDnsSupport) off.Add("enableDnsSupport");
            if (!dns.EnableDnsHostnames) off.Add("enableDnsHostnames");
            var ok = off.Count == 0;
            c.SetCheck(ConditionTypes.DnsSupported, ok, ok ? "VpcDnsEnabled" : "VpcDnsDisabled",
                ok ? $"{desired.VpcId} has enableDnsSupport and enableDnsHostnames"
                   : $"privateDnsEnabled needs {string.Join(" and ", off)} on {desired.VpcId}; the service's name will not resolve to the endpoint");
        }
    }

    private static void HttpsAllowed(StatusConditions c, IReadOnlyList<string> vpcCidrs, EndpointReading reading, AwsEndpoint? endpoint)
    {
        if (reading.EndpointSecurityGroups.Count == 0)
        {
            return;
        }
        var members = HttpsAdmission.InterfacesByGroup(reading.VpcNetworkInterfaces ?? [], endpoint?.NetworkInterfaceIds ?? []);
        var sources = HttpsAdmission.Sources(reading.EndpointSecurityGroups, vpcCidrs, members);
        var admitting = sources.Where(s => s.Admits).ToList();
        if (admitting.Count > 0)
        {
            c.SetCheck(ConditionTypes.HttpsAllowed, true, "HttpsAdmitted", string.Join("; ", admitting.GroupBy(s => s.GroupId)
                .Select(g => $"{g.Key} admits TCP 443 from {string.Join(" and ", g.Select(s => s.Detail))}")));
            return;
        }
        var groups = string.Join(", ", reading.EndpointSecurityGroups.Select(g => g.GroupId));
        var elsewhere = sources.Count == 0 ? "" : "; " + string.Join("; ", sources.GroupBy(s => s.GroupId)
            .Select(g => $"{g.Key} admits it only from {string.Join(" and ", g.Select(s => s.Detail))}"));
        c.SetCheck(ConditionTypes.HttpsAllowed, false, "HttpsBlocked",
            $"no security group of the endpoint ({groups}) admits TCP 443 from the VPC's CIDR {string.Join(", ", vpcCidrs)}{elsewhere}");
    }

    private static void NetworkAclAllows(StatusConditions c, DesiredEndpoint desired, IReadOnlyList<string> vpcCidrs, EndpointReading reading)
    {
        if (desired.SubnetIds.Count == 0 || reading.VpcNetworkAcls.Count == 0)
        {
            return;
        }
        var checks = NetworkAclEvaluation.ForSubnets(desired.SubnetIds, reading.VpcNetworkAcls, vpcCidrs);
        if (checks.Count == 0)
        {
            return;
        }
        var peers = string.Join(", ", vpcCidrs);
        var failing = checks.Where(a => !a.Allowed).ToList();
        if (failing.Count == 0)
        {
            c.SetCheck(ConditionTypes.NetworkAclAllows, true, "AclAllowsHttps", string.Join("; ", checks.Select(a =>
                $"network ACL {a.NetworkAclId} ({string.Join(", ", a.SubnetIds)}) lets TCP 443 in from {peers} ({Rules(a.Inbound)}) " +
                $"and the replies out to ports {NetworkAclEvaluation.EphemeralFrom}-{NetworkAclEvaluation.EphemeralTo} ({Rules(a.Outbound)})")));
            return;
        }
        var words = failing.Take(Named).Select(a => $"network ACL {a.NetworkAclId} of {string.Join(", ", a.SubnetIds)}: " + string.Join("; ", Denials(a)));
        c.SetCheck(ConditionTypes.NetworkAclAllows, false, "AclDeniesHttps", string.Join("; ", words) + More(failing.Count, "each ACL is named once"));
    }

    private static IEnumerable<string> Denials(AclCheck acl)
    {
        if (!acl.Inbound.Allowed)
        {
            yield return Denial("inbound", "from", acl.Inbound);
        }
        if (!acl.Outbound.Allowed)
        {
            yield return Denial("outbound", "to", acl.Outbound);
        }
    }

    private static string Denial(string direction, string peer, AclVerdict verdict) =>
        $"{direction} TCP {verdict.Denied!.Value.Ports} {peer} {Addresses(verdict.Denied.Value)} is denied by {NetworkAclEvaluation.DescribeRule(verdict.DenyingRule!)}";

    private static string Rules(AclVerdict verdict) =>
        verdict.AllowingRules.Count == 1 ? $"rule {verdict.AllowingRules[0]}" : $"rules {string.Join(", ", verdict.AllowingRules)}";

    private static string Addresses(TrafficBox box)
    {
        var cidrs = box.Addresses.ToCidrs();
        return cidrs.Count <= 3 ? string.Join(", ", cidrs) : $"{string.Join(", ", cidrs.Take(3))} and {cidrs.Count - 3} more blocks";
    }

    private static string More(int count, string where) => count > Named ? $"; and {count - Named} more ({where})" : "";
}
