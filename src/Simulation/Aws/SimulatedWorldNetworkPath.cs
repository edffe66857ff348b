using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>The world's network path beside the route tables: network ACLs, network interfaces, security group rules with
/// group and prefix-list sources, customer prefix lists and the main route table, with EC2's checks.</summary>
public sealed partial class SimulatedWorld
{
    private static readonly Dictionary<string, string> AclProtocolNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = "-1", ["-1"] = "-1", ["tcp"] = "6", ["6"] = "6", ["udp"] = "17", ["17"] = "17", ["icmp"] = "1", ["1"] = "1",
    };

    private static readonly Dictionary<string, string> GroupProtocolNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = "-1", ["-1"] = "-1", ["tcp"] = "tcp", ["6"] = "tcp", ["udp"] = "udp", ["17"] = "udp", ["icmp"] = "icmp", ["1"] = "icmp",
    };

    /// <summary>Creates a (non-default) network ACL. As in AWS it starts with only the rule * (32767) denying all traffic
    /// both ways; no subnet uses it until <see cref="AssociateNetworkAcl"/>.</summary>
    public string CreateNetworkAcl(string vpcId, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            var acl = new SimNetworkAcl(Ids.Next("acl"), vpcId, isDefault: false, ++_sequence);
            acl.Entries.Add(DefaultDeny(egress: false));
            acl.Entries.Add(DefaultDeny(egress: true));
            AddTags(acl.Tags, tags);
            r.NetworkAcls[acl.Id] = acl;
            return acl.Id;
        }
    }

    public string DefaultNetworkAclId(string vpcId)
    {
        lock (Sync)
            return RegionOfVpc(vpcId).NetworkAcls.Values.Single(a => a.VpcId == vpcId && a.IsDefault).Id;
    }

    /// <summary>Adds a numbered rule (1-32766) to one direction of an ACL, as CreateNetworkAclEntry does. Protocol by name or
    /// number ("tcp", "6", "-1"); TCP and UDP need a port range.</summary>
    public void AddNetworkAclEntry(string networkAclId, int ruleNumber, bool egress, string protocol, bool allow, string cidrBlock,
        int? fromPort = null, int? toPort = null)
    {
        lock (Sync)
        {
            var acl = NetworkAclLocked(networkAclId);
            if (ruleNumber is < 1 or >= AwsNetworkAclEntry.DefaultRuleNumber)
                throw Ec2Errors.InvalidParameterValue($"Value ({ruleNumber}) for parameter ruleNumber is invalid. Rule numbers must be between 1 and 32766.");
            if (!AclProtocolNumbers.TryGetValue(protocol, out var number))
                throw Ec2Errors.InvalidParameterValue($"Value ({protocol}) for parameter protocol is invalid.");
            if (number is "6" or "17" && (fromPort is null || toPort is null))
                throw new AwsApiException("MissingParameter", "The request must contain the parameter portRange");
            if (!Ipv4Cidr.TryParse(cidrBlock, out _))
                throw Ec2Errors.InvalidParameterValue($"Value ({cidrBlock}) for parameter cidrBlock is invalid.");
            if (acl.Entries.Any(e => e.Egress == egress && e.RuleNumber == ruleNumber))
                throw new AwsApiException("NetworkAclEntryAlreadyExists", $"The network acl entry identified by {ruleNumber} already exists.");
            var ports = number is "6" or "17";
            acl.Entries.Add(new AwsNetworkAclEntry(ruleNumber, egress, number, allow, cidrBlock, null, ports ? fromPort : null, ports ? toPort : null));
        }
    }

    /// <summary>Moves a subnet to this ACL (ReplaceNetworkAclAssociation): a subnet has exactly one.</summary>
    public void AssociateNetworkAcl(string networkAclId, string subnetId)
    {
        lock (Sync)
        {
            var acl = NetworkAclLocked(networkAclId);
            var r = RegionOfVpc(acl.VpcId);
            MoveSubnet(r, subnetId, acl.VpcId, $"Network ACL {networkAclId}", r.NetworkAcls.Values.Select(a => a.SubnetIds), acl.SubnetIds);
        }
    }

    /// <summary>Makes a route table the VPC's main one (ReplaceRouteTableAssociation on the main association): every
    /// subnet without an explicit association uses it from now on.</summary>
    public void SetMainRouteTable(string routeTableId)
    {
        lock (Sync)
        {
            var r = RegionOfRouteTable(routeTableId);
            var table = r.RouteTables[routeTableId];
            foreach (var other in r.RouteTables.Values.Where(t => t.VpcId == table.VpcId))
                other.IsMain = false;
            table.IsMain = true;
        }
    }

    /// <summary>A network interface in a subnet carrying these groups (an instance's, a load balancer's): what a rule whose
    /// source is one of the groups admits traffic from.</summary>
    public string CreateNetworkInterface(string subnetId, IReadOnlyList<string> groupIds, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var r = _regions.Values.FirstOrDefault(x => x.Subnets.ContainsKey(subnetId)) ?? throw Ec2Errors.SubnetNotFound(subnetId);
            var subnet = r.Subnets[subnetId];
            foreach (var groupId in groupIds)
            {
                var group = r.SecurityGroups.GetValueOrDefault(groupId) ?? throw Ec2Errors.SecurityGroupNotFound(groupId);
                if (group.VpcId != subnet.VpcId)
                    throw Ec2Errors.InvalidParameter($"Security group {groupId} and subnet {subnetId} belong to different networks.");
            }
            // Without groups, AWS gives an interface the VPC's default security group.
            var groups = groupIds.Count > 0 ? groupIds : [r.SecurityGroups.Values.Single(g => g.VpcId == subnet.VpcId && g.Name == "default").Id];
            var eni = new SimNetworkInterface(Ids.Next("eni"), subnet.VpcId, subnetId, groups, ++_sequence);
            AddTags(eni.Tags, tags);
            r.NetworkInterfaces[eni.Id] = eni;
            return eni.Id;
        }
    }

    public void DeleteNetworkInterface(string networkInterfaceId)
    {
        lock (Sync)
        {
            var r = _regions.Values.FirstOrDefault(x => x.NetworkInterfaces.ContainsKey(networkInterfaceId))
                ?? throw Ec2Errors.NetworkInterfaceNotFound(networkInterfaceId);
            r.NetworkInterfaces.Remove(networkInterfaceId);
        }
    }

    /// <summary>Adds an ingress rule (AuthorizeSecurityGroupIngress): its source groups and prefix lists must exist.</summary>
    public void AuthorizeIngress(string groupId, AwsIngressRule rule)
    {
        lock (Sync)
        {
            var r = _regions.Values.FirstOrDefault(x => x.SecurityGroups.ContainsKey(groupId)) ?? throw Ec2Errors.SecurityGroupNotFound(groupId);
            CheckSources(r, rule, groupId);
            r.SecurityGroups[groupId].Ingress.Add(Normalized(rule));
        }
    }

    /// <summary>A customer-managed prefix list (its entries are the owner's business; rules may name it as a source).</summary>
    public string CreateManagedPrefixList(string region, string name)
    {
        lock (Sync)
        {
            var id = Ids.Next("pl");
            RegionLocked(region).CustomerPrefixLists.Add(id);
            return id;
        }
    }

    private static AwsNetworkAclEntry DefaultDeny(bool egress) =>
        new(AwsNetworkAclEntry.DefaultRuleNumber, egress, "-1", Allow: false, "0.0.0.0/0", null, null, null);

    private SimNetworkAcl NetworkAclLocked(string networkAclId) =>
        _regions.Values.Select(x => x.NetworkAcls.GetValueOrDefault(networkAclId)).FirstOrDefault(a => a is not null)
        ?? throw Ec2Errors.NetworkAclNotFound(networkAclId);

    /// <summary>As EC2 checks a rule: a known protocol, and sources that exist (the group itself may be its own source).</summary>
    private static void CheckSources(SimRegion r, AwsIngressRule rule, string groupId)
    {
        if (!GroupProtocolNames.ContainsKey(rule.Protocol))
            throw Ec2Errors.InvalidParameterValue($"Invalid value '{rule.Protocol}' for IP protocol. Unknown protocol.");
        foreach (var source in rule.SourceGroupIds.Where(s => s != groupId))
            if (!r.SecurityGroups.ContainsKey(source))
                throw Ec2Errors.SecurityGroupNotFound(source);
        foreach (var prefixList in rule.PrefixListIds)
            if (!r.CustomerPrefixLists.Contains(prefixList) && r.Services.Values.All(s => s.PrefixListId != prefixList))
                throw new AwsApiException("InvalidPrefixListId.NotFound", $"The prefix list ID '{prefixList}' does not exist");
    }

    // EC2 shows tcp, udp and icmp by name whichever way they were given.
    private static AwsIngressRule Normalized(AwsIngressRule rule) => rule with { Protocol = GroupProtocolNames[rule.Protocol] };
}
