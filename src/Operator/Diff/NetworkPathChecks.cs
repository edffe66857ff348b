using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Diff;

/// <summary>The network-path checks, pure and advisory, run in the advise phase with the other checks: Gateway, whether
/// the subnets route the service's prefix list to the endpoint; Interface, the VPC's DNS attributes, whether a security
/// group of the endpoint admits 443, and whether the subnets' network ACLs let it through. Each is a pure function of a
/// VPC's read (route tables, ACLs, the endpoint's groups, DNS attributes) and a few ids: answered once per read for all
/// the objects that ask the same, not once per reconcile.</summary>
public static class NetworkPathChecks
{
    /// <summary>A message names at most this many subnets or ACLs; status.subnetCoverage holds every subnet.</summary>
    private const int Named = 10;

    private static readonly SnapshotMemo<IReadOnlyList<AwsRouteTable>, (IdsKey Subnets, string PrefixList, string VpcId, string ServiceName, bool Named), RoutesFinding> Routes = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsNetworkAcl>, (IdsKey Subnets, IReadOnlyList<string> Cidrs), CheckFinding?> Acls = new();
    private static readonly SnapshotMemo<IReadOnlyList<AwsSecurityGroup>, (IReadOnlyList<AwsNetworkInterface>? Interfaces, IReadOnlyList<string>? EndpointInterfaces, IReadOnlyList<string> Cidrs), CheckFinding> Https = new();
    private static readonly SnapshotMemo<VpcDnsAttributes, string, CheckFinding> Dns = new();
    // The ids of a VPC read's interfaces that count as group members (not endpoints' own): an endpoint's interfaces change
    // the HTTPS answer only when one of them is among these, which AWS never reports.
    private static readonly SnapshotMemo<IReadOnlyList<AwsNetworkInterface>, bool, HashSet<string>> Members = new();

    /// <param name="endpoint">The endpoint as this reconcile left it (its network interfaces), or the one read.</param>
    public static NetworkPathFindings Evaluate(DesiredEndpoint desired, AwsVpc? vpc, EndpointReading reading, AwsEndpoint? endpoint)
    {
        if (desired.IsGateway)
        {
            if (reading.VpcRouteTables is not { } tables || reading.PrefixListId is not { } prefixList)
            {
                return new NetworkPathFindings(IsGateway: true);
            }
            var named = desired.RouteSubnetIds.Count > 0;
            return new NetworkPathFindings(IsGateway: true)
            {
                Routes = Routes.Get(tables, (new IdsKey(named ? desired.RouteSubnetIds : reading.VpcSubnetIds), prefixList, desired.VpcId, desired.ServiceName, named),
                    static (t, k) => RoutesOf(k.Subnets.Ids, t, k.PrefixList, k.VpcId, k.ServiceName, k.Named)),
            };
        }
        var dns = desired.PrivateDnsEnabled == true && reading.VpcDns is { } attributes
            ? Dns.Get(attributes, desired.VpcId, static (d, vpcId) => DnsOf(d, vpcId))
            : null;
        var vpcCidrs = vpc?.CidrBlocks ?? [];
        if (vpcCidrs.Count == 0)
        {
            return new NetworkPathFindings(IsGateway: false) { Dns = dns };
        }
        CheckFinding? https = null;
        if (reading.EndpointSecurityGroups.Count > 0)
        {
            // The endpoint's own interfaces matter only when the VPC's read (made for group-sourced rules) counts one of them as
            // a member: otherwise the answer is the same for every endpoint with these groups, and kept once, not per endpoint.
            var interfaces = reading.VpcNetworkInterfaces;
            var own = interfaces is not null && endpoint?.NetworkInterfaceIds is { Count: > 0 } ids && CountsAny(interfaces, ids) ? ids : null;
            https = Https.Get(reading.EndpointSecurityGroups, (interfaces, own, vpcCidrs),
                static (groups, k) => HttpsOf(groups, k.Interfaces, k.EndpointInterfaces, k.Cidrs));
        }
        var acls = desired.SubnetIds.Count == 0 || reading.VpcNetworkAcls.Count == 0
            ? null
            : Acls.Get(reading.VpcNetworkAcls, (new IdsKey(desired.SubnetIds), vpcCidrs), static (a, k) => AclsOf(k.Subnets.Ids, a, k.Cidrs));
        return new NetworkPathFindings(IsGateway: false) { Dns = dns, Https = https, Acls = acls };
    }

    private static RoutesFinding RoutesOf(IReadOnlyList<string> subnetIds, IReadOnlyList<AwsRouteTable> tables, string prefixList, string vpcId,
        string serviceName, bool named)
    {
        var coverage = RouteCoverage.Evaluate(subnetIds, tables, prefixList);
        var which = named ? "subnets named in the spec" : $"subnets of {vpcId}";
        var uncovered = coverage.Where(s => !s.Covered).ToList();
        if (uncovered.Count == 0)
        {
            return new(coverage, new(true, "SubnetsCovered", coverage.Count == 0
                ? $"{vpcId} has no subnets"
                : $"all {coverage.Count} {which} route {prefixList} ({serviceName}) to the endpoint"));
        }
        var words = uncovered.Take(Named).Select(s => s.RouteTableId is null
            ? $"{s.SubnetId} has no route table"
            : $"{s.SubnetId} ({(s.ViaMainTable ? "the main route table " : "route table ")}{s.RouteTableId}) sends it to {RouteCoverage.DescribeDefaultRoute(s)}");
        return new(coverage, new(false, "SubnetsUncovered",
            $"{uncovered.Count} of {coverage.Count} {which} have no route to {prefixList}, so their traffic to {serviceName} misses the endpoint: " +
            string.Join("; ", words) + More(uncovered.Count, "status.subnetCoverage lists every subnet")));
    }

    private static CheckFinding DnsOf(VpcDnsAttributes dns, string vpcId)
    {
        var off = new List<string>();
        if (!dns.EnableDnsSupport) off.Add("enableDnsSupport");
        if (!dns.EnableDnsHostnames) off.Add("enableDnsHostnames");
        var ok = off.Count == 0;
        return new(ok, ok ? "VpcDnsEnabled" : "VpcDnsDisabled",
            ok ? $"{vpcId} has enableDnsSupport and enableDnsHostnames"
               : $"privateDnsEnabled needs {string.Join(" and ", off)} on {vpcId}; the service's name will not resolve to the endpoint");
    }

    private static bool CountsAny(IReadOnlyList<AwsNetworkInterface> interfaces, IReadOnlyList<string> ids)
    {
        var members = Members.Get(interfaces, true, static (all, _) =>
            all.Where(n => n.InterfaceType != HttpsAdmission.EndpointInterfaceType).Select(n => n.NetworkInterfaceId).ToHashSet(StringComparer.Ordinal));
        for (var i = 0; i < ids.Count; i++)
        {
            if (members.Contains(ids[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static CheckFinding HttpsOf(IReadOnlyList<AwsSecurityGroup> endpointGroups, IReadOnlyList<AwsNetworkInterface>? interfaces,
        IReadOnlyList<string>? endpointInterfaces, IReadOnlyList<string> vpcCidrs)
    {
        var members = HttpsAdmission.InterfacesByGroup(interfaces ?? [], endpointInterfaces ?? []);
        var sources = HttpsAdmission.Sources(endpointGroups, vpcCidrs, members);
        var admitting = sources.Where(s => s.Admits).ToList();
        if (admitting.Count > 0)
        {
            return new(true, "HttpsAdmitted", string.Join("; ", admitting.GroupBy(s => s.GroupId)
                .Select(g => $"{g.Key} admits TCP 443 from {string.Join(" and ", g.Select(s => s.Detail))}")));
        }
        var groups = string.Join(", ", endpointGroups.Select(g => g.GroupId));
        var elsewhere = sources.Count == 0 ? "" : "; " + string.Join("; ", sources.GroupBy(s => s.GroupId)
            .Select(g => $"{g.Key} admits it only from {string.Join(" and ", g.Select(s => s.Detail))}"));
        return new(false, "HttpsBlocked",
            $"no security group of the endpoint ({groups}) admits TCP 443 from the VPC's CIDR {string.Join(", ", vpcCidrs)}{elsewhere}");
    }

    private static CheckFinding? AclsOf(IReadOnlyList<string> subnetIds, IReadOnlyList<AwsNetworkAcl> acls, IReadOnlyList<string> vpcCidrs)
    {
        var checks = NetworkAclEvaluation.ForSubnets(subnetIds, acls, vpcCidrs);
        if (checks.Count == 0)
        {
            return null;
        }
        var peers = string.Join(", ", vpcCidrs);
        var failing = checks.Where(a => !a.Allowed).ToList();
        if (failing.Count == 0)
        {
            return new(true, "AclAllowsHttps", string.Join("; ", checks.Select(a =>
                $"network ACL {a.NetworkAclId} ({string.Join(", ", a.SubnetIds)}) lets TCP 443 in from {peers} ({Rules(a.Inbound)}) " +
                $"and the replies out to ports {NetworkAclEvaluation.EphemeralFrom}-{NetworkAclEvaluation.EphemeralTo} ({Rules(a.Outbound)})")));
        }
        var words = failing.Take(Named).Select(a => $"network ACL {a.NetworkAclId} of {string.Join(", ", a.SubnetIds)}: " + string.Join("; ", Denials(a)));
        return new(false, "AclDeniesHttps", string.Join("; ", words) + More(failing.Count, "each ACL is named once"));
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
