using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Every way the endpoint's security groups admit TCP 443 from clients in the VPC, as AWS decides it: a CIDR source
/// admits the addresses it holds (so one overlapping the VPC's CIDR admits clients there); a security-group source admits
/// traffic from the network interfaces that carry that group (none carry it: nothing is admitted); a prefix-list source
/// admits the list's CIDRs (its entries are the owner's; the source counts). Pure.</summary>
public static class HttpsAdmission
{
    /// <summary>AWS's InterfaceType of an interface endpoint's network interfaces.</summary>
    public const string EndpointInterfaceType = "vpc_endpoint";

    /// <summary>Every rule source of the groups that covers TCP 443, each with whether it reaches the VPC and why.</summary>
    /// <param name="interfacesByGroup">For each security group, how many network interfaces in the VPC carry it, the
    /// endpoint's own interfaces left out (a group that only the endpoint carries admits nobody else).</param>
    public static IReadOnlyList<HttpsSource> Sources(IEnumerable<AwsSecurityGroup> groups, IReadOnlyList<string> vpcCidrs,
        IReadOnlyDictionary<string, int> interfacesByGroup)
    {
        var sources = new List<HttpsSource>();
        foreach (var group in groups.OrderBy(g => g.GroupId, StringComparer.Ordinal))
        {
            foreach (var rule in group.Ingress.Where(NetworkChecks.CoversHttps))
            {
                foreach (var cidr in rule.CidrBlocks)
                {
                    sources.Add(CidrSource(group.GroupId, cidr, vpcCidrs));
                }
                foreach (var source in rule.SourceGroupIds)
                {
                    var count = interfacesByGroup.GetValueOrDefault(source);
                    sources.Add(new HttpsSource(group.GroupId, HttpsSourceKind.SecurityGroup, source, count > 0, count > 0
                        ? $"security group {source} (carried by {count} network interface{(count == 1 ? "" : "s")} in the VPC)"
                        : $"security group {source}, which no network interface in the VPC carries (endpoints' own interfaces aside)"));
                }
                foreach (var prefixList in rule.PrefixListIds)
                {
                    sources.Add(new HttpsSource(group.GroupId, HttpsSourceKind.PrefixList, prefixList, true, $"prefix list {prefixList}"));
                }
            }
        }
        return sources.DistinctBy(s => (s.GroupId, s.Kind, s.Source)).ToList();
    }

    /// <summary>True when a group-sourced rule needs the VPC's network interfaces to be judged (they cost a read).</summary>
    public static bool NeedsInterfaces(IEnumerable<AwsSecurityGroup> groups) =>
        groups.Any(g => g.Ingress.Any(r => NetworkChecks.CoversHttps(r) && r.SourceGroupIds.Count > 0));

    /// <summary>How many interfaces carry each group. Interface endpoints' own interfaces are left out (this endpoint's by id,
    /// as not every AWS-compatible endpoint types them): they answer connections, they never open one.</summary>
    public static IReadOnlyDictionary<string, int> InterfacesByGroup(IEnumerable<AwsNetworkInterface> interfaces, IReadOnlyCollection<string> endpointInterfaceIds) =>
        interfaces.Where(n => n.InterfaceType != EndpointInterfaceType && !endpointInterfaceIds.Contains(n.NetworkInterfaceId))
            .SelectMany(n => n.GroupIds.Distinct(StringComparer.Ordinal))
            .GroupBy(g => g, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static HttpsSource CidrSource(string groupId, string cidr, IReadOnlyList<string> vpcCidrs)
    {
        if (vpcCidrs.FirstOrDefault(v => NetworkChecks.CidrContains(cidr, v)) is { } whole)
        {
            return new HttpsSource(groupId, HttpsSourceKind.Cidr, cidr, true, cidr == whole ? cidr : $"{cidr} (all of the VPC's {whole})");
        }
        if (vpcCidrs.FirstOrDefault(v => NetworkChecks.CidrOverlaps(cidr, v)) is { } part)
        {
            return new HttpsSource(groupId, HttpsSourceKind.Cidr, cidr, true, $"{cidr} (part of the VPC's {part})");
        }
        return new HttpsSource(groupId, HttpsSourceKind.Cidr, cidr, false, $"{cidr}, outside the VPC's {string.Join(", ", vpcCidrs)}");
    }
}
