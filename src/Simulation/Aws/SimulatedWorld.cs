using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// The simulated AWS account's resources, and the API tests and the demo build them with. Building and inspecting
/// here makes no API calls (nothing is counted, throttled or faulted). Every region exists on first use with the
/// default endpoint services (see <see cref="AddRegion"/>). All ids are unique across regions.
/// </summary>
public sealed partial class SimulatedWorld
{
    private readonly Dictionary<string, SimRegion> _regions = new(StringComparer.Ordinal);
    private long _sequence;

    internal SimulatedWorld(TimeProvider time, AwsSimulatorOptions options, string accountId, AwsAccounts accounts)
    {
        Time = time;
        Options = options;
        Accounts = accounts;
        AccountId = accountId;
        // Each account draws its own ids (a peer's seed is derived from the home one's), so accounts do not repeat each other's ids.
        Ids = new AwsIdGenerator(accountId == DemoAccount.AccountId ? options.Seed : options.Seed is { } seed ? seed ^ long.Parse(accountId).GetHashCode() : null);
        // The default caller is a user of the account, as IAM would know it.
        if (accountId == DemoAccount.AccountId)
            Iam.Create(Caller.Arn, Caller.UserId);
        else
        {
            var arn = $"arn:aws:iam::{accountId}:user/vpce-simulator";
            Caller = new CallerIdentity(accountId, arn, Iam.Create(arn));
        }
    }

    /// <summary>Drops every region and bucket and the record of the ids issued, as if the account were gone: the bench weighs
    /// the operator this way, once it has stopped, apart from the simulated account that shares its process.</summary>
    public void Discard()
    {
        lock (Sync)
        {
            _regions.Clear();
            Buckets.Clear();
            Buckets.TrimExcess();
            Ids.Reset();
        }
    }

    internal Lock Sync { get; } = new();
    internal TimeProvider Time { get; }
    internal AwsSimulatorOptions Options { get; }
    internal AwsIdGenerator Ids { get; }
    internal Dictionary<string, SimBucket> Buckets { get; } = new(StringComparer.Ordinal);
    /// <summary>The account this world is.</summary>
    internal string AccountId { get; }

    /// <summary>The accounts this world's AWS holds (bucket names, sessions).</summary>
    internal AwsAccounts Accounts { get; }

    /// <summary>The world's caller now: the caller source of the account's own ports.</summary>
    internal CallerIdentity CurrentCaller()
    {
        lock (Sync)
            return Caller;
    }

    internal CallerIdentity Caller { get; private set; } =
        new("123456789012", "arn:aws:iam::123456789012:user/vpce-simulator", "AIDASIMULATOR00000001");

    /// <summary>Adds a region with the default endpoint services (s3 and dynamodb as Gateway and Interface; ssm,
    /// ssmmessages, ec2messages, ec2, kms, sts, logs, secretsmanager, ecr.api, ecr.dkr as Interface) and its
    /// zones (default REGIONa, REGIONb, REGIONc). Adding an existing region changes nothing.</summary>
    public void AddRegion(string region, IReadOnlyList<string>? availabilityZones = null)
    {
        lock (Sync)
            RegionLocked(region, availabilityZones);
    }

    /// <summary>Offers another service (com.amazonaws.REGION.shortName) for endpoints of the given types; one that ignores
    /// endpoint policies (iot.data) says VpcEndpointPolicySupported false.</summary>
    public string AddEndpointService(string region, string shortName, IReadOnlyList<string> types, string? privateDnsName = null,
        bool policySupported = true)
    {
        lock (Sync)
        {
            var r = RegionLocked(region);
            EndpointServiceCatalog.Add(r, shortName, types, privateDnsName, policySupported);
            return $"com.amazonaws.{region}.{shortName}";
        }
    }

    /// <summary>Offers a PrivateLink service of another account's (or this one's): com.amazonaws.vpce.REGION.vpce-svc-…, for
    /// Interface endpoints, DescribeVpcEndpointServices' Owner being <paramref name="owner"/>. Returns its name.</summary>
    public string AddPrivateLinkService(string region, string owner, string? privateDnsName = null)
    {
        lock (Sync)
        {
            var r = RegionLocked(region);
            var id = Ids.Next("vpce-svc");
            var serviceName = $"com.amazonaws.vpce.{region}.{id}";
            r.Services[serviceName] = new SimEndpointService(serviceName, id, [EndpointServiceCatalog.Interface], privateDnsName, null,
                policySupported: true, owner);
            return serviceName;
        }
    }

    /// <summary>Where new endpoints of the service go after pending: available (default), pendingAcceptance, failed or rejected.</summary>
    public void SetServiceOutcome(string region, string serviceName, EndpointOutcome outcome)
    {
        lock (Sync)
            ServiceLocked(region, serviceName).Outcome = outcome;
    }

    /// <summary>Restricts the zones a service is offered in (an endpoint subnet elsewhere is refused, as AWS does).</summary>
    public void SetServiceAvailabilityZones(string region, string serviceName, IReadOnlyList<string> availabilityZones)
    {
        lock (Sync)
            ServiceLocked(region, serviceName).AvailabilityZones = availabilityZones.ToList();
    }

    /// <summary>The managed prefix list of a Gateway service (pl-6da54004 for com.amazonaws.eu-west-1.s3).</summary>
    public string PrefixListId(string region, string serviceName)
    {
        lock (Sync)
            return ServiceLocked(region, serviceName).PrefixListId
                ?? throw new InvalidOperationException($"{serviceName} offers no Gateway endpoints.");
    }

    /// <summary>Creates a VPC with its main route table (local route), its "default" security group and its default network
    /// ACL (rule 100 allows all traffic both ways, rule * denies the rest), as AWS does. The DNS defaults are AWS's for a
    /// new VPC: support on, hostnames off.</summary>
    public string CreateVpc(string region, string cidrBlock, IReadOnlyDictionary<string, string>? tags = null,
        bool enableDnsSupport = true, bool enableDnsHostnames = false)
    {
        if (!Ipv4Cidr.TryParse(cidrBlock, out var cidr) || cidr.PrefixLength is < 16 or > 28)
            throw new AwsApiException("InvalidVpc.Range", $"The CIDR '{cidrBlock}' is invalid.");
        lock (Sync)
        {
            var r = RegionLocked(region);
            var vpc = new SimVpc(Ids.Next("vpc"), region, cidrBlock, ++_sequence)
            {
                EnableDnsSupport = enableDnsSupport,
                EnableDnsHostnames = enableDnsHostnames,
            };
            AddTags(vpc.Tags, tags);
            r.Vpcs[vpc.Id] = vpc;

            var main = new SimRouteTable(Ids.Next("rtb"), vpc.Id, isMain: true, ++_sequence);
            main.Routes.Add(new SimRoute(cidrBlock, null, "local"));
            r.RouteTables[main.Id] = main;

            var defaultAcl = new SimNetworkAcl(Ids.Next("acl"), vpc.Id, isDefault: true, ++_sequence);
            foreach (var egress in new[] { false, true })
            {
                defaultAcl.Entries.Add(new AwsNetworkAclEntry(100, egress, "-1", Allow: true, "0.0.0.0/0", null, null, null));
                defaultAcl.Entries.Add(DefaultDeny(egress));
            }
            r.NetworkAcls[defaultAcl.Id] = defaultAcl;

            var defaultGroup = new SimSecurityGroup(Ids.Next("sg"), vpc.Id, "default", ++_sequence);
            // AWS's default group lets in everything from members of the group itself.
            defaultGroup.Ingress.Add(new AwsIngressRule("-1", null, null, [], [defaultGroup.Id]));
            r.SecurityGroups[defaultGroup.Id] = defaultGroup;
            return vpc.Id;
        }
    }

    public string MainRouteTableId(string vpcId)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            return r.RouteTables.Values.Single(t => t.VpcId == vpcId && t.IsMain).Id;
        }
    }

    public string DefaultSecurityGroupId(string vpcId)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            return r.SecurityGroups.Values.Single(g => g.VpcId == vpcId && g.Name == "default").Id;
        }
    }

    public void SetVpcDnsAttributes(string vpcId, bool enableDnsSupport, bool enableDnsHostnames)
    {
        lock (Sync)
        {
            var vpc = RegionOfVpc(vpcId).Vpcs[vpcId];
            vpc.EnableDnsSupport = enableDnsSupport;
            vpc.EnableDnsHostnames = enableDnsHostnames;
        }
    }

    /// <summary>Creates a subnet; its CIDR must lie in the VPC's and overlap no other subnet's, its zone must be the region's.</summary>
    public string CreateSubnet(string vpcId, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            var vpc = r.Vpcs[vpcId];
            if (!r.AvailabilityZones.Contains(availabilityZone))
                throw Ec2Errors.InvalidParameterValue($"Value ({availabilityZone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {string.Join(", ", r.AvailabilityZones)}.");
            if (!Ipv4Cidr.TryParse(cidrBlock, out var cidr) || cidr.PrefixLength is < 16 or > 28
                || !Ipv4Cidr.TryParse(vpc.CidrBlock, out var vpcCidr) || !vpcCidr.Contains(cidr))
                throw new AwsApiException("InvalidSubnet.Range", $"The CIDR '{cidrBlock}' is invalid.");
            foreach (var other in r.Subnets.Values.Where(s => s.VpcId == vpcId))
                if (Ipv4Cidr.TryParse(other.CidrBlock, out var otherCidr) && otherCidr.Overlaps(cidr))
                    throw new AwsApiException("InvalidSubnet.Conflict", $"The CIDR '{cidrBlock}' conflicts with another subnet");
            var subnet = new SimSubnet(Ids.Next("subnet"), vpcId, availabilityZone, cidrBlock, ++_sequence);
            AddTags(subnet.Tags, tags);
            r.Subnets[subnet.Id] = subnet;
            // A new subnet uses the VPC's main route table (no explicit association) and its default network ACL.
            r.NetworkAcls.Values.Single(a => a.VpcId == vpcId && a.IsDefault).SubnetIds.Add(subnet.Id);
            return subnet.Id;
        }
    }

    /// <summary>Creates a (non-main) route table with the VPC's local route.</summary>
    public string CreateRouteTable(string vpcId, IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            var table = new SimRouteTable(Ids.Next("rtb"), vpcId, isMain: false, ++_sequence);
            table.Routes.Add(new SimRoute(r.Vpcs[vpcId].CidrBlock, null, "local"));
            AddTags(table.Tags, tags);
            r.RouteTables[table.Id] = table;
            return table.Id;
        }
    }

    /// <summary>Associates a subnet with a route table, replacing the subnet's previous explicit association.</summary>
    public void AssociateSubnet(string routeTableId, string subnetId)
    {
        lock (Sync)
        {
            var r = RegionOfRouteTable(routeTableId);
            var table = r.RouteTables[routeTableId];
            MoveSubnet(r, subnetId, table.VpcId, $"Route table {routeTableId}", r.RouteTables.Values.Select(t => t.SubnetIds), table.SubnetIds);
        }
    }

    /// <summary>Moves a subnet's one association of a kind (route table, network ACL) to the target, as EC2 checks it.</summary>
    private static void MoveSubnet(SimRegion r, string subnetId, string vpcId, string target, IEnumerable<List<string>> associations, List<string> to)
    {
        if (!r.Subnets.TryGetValue(subnetId, out var subnet))
            throw Ec2Errors.SubnetNotFound(subnetId);
        if (subnet.VpcId != vpcId)
            throw Ec2Errors.InvalidParameterValue($"{target} and subnet {subnetId} belong to different networks");
        foreach (var subnets in associations)
            subnets.Remove(subnetId);
        to.Add(subnetId);
    }

    /// <summary>Adds a route to a CIDR through a gateway ("igw-…", "vgw-…"), a NAT gateway ("nat-…"), a transit gateway
    /// ("tgw-…"), a peering connection ("pcx-…"), an instance ("i-…") or a network interface ("eni-…").</summary>
    public void AddRoute(string routeTableId, string destinationCidrBlock, string targetId)
    {
        lock (Sync)
        {
            var table = RegionOfRouteTable(routeTableId).RouteTables[routeTableId];
            if (table.Routes.Any(r => r.DestinationCidrBlock == destinationCidrBlock))
                throw new AwsApiException("RouteAlreadyExists", $"The route identified by {destinationCidrBlock} already exists.");
            if (targetId.Split('-')[0] is not ("igw" or "vgw" or "nat" or "tgw" or "pcx" or "i" or "eni"))
                throw Ec2Errors.InvalidParameterValue($"Route target '{targetId}' is not a gateway, NAT gateway, transit gateway, peering connection, instance or network interface id");
            table.Routes.Add(new SimRoute(destinationCidrBlock, null, targetId));
        }
    }

    /// <summary>A new internet gateway id to route through (the simulator keeps no other state for gateways).</summary>
    public string NewInternetGatewayId()
    {
        lock (Sync) return Ids.Next("igw");
    }

    /// <summary>A new NAT gateway id to route through.</summary>
    public string NewNatGatewayId()
    {
        lock (Sync) return Ids.Next("nat");
    }

    public string CreateSecurityGroup(string vpcId, string groupName, IReadOnlyList<AwsIngressRule>? ingress = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        lock (Sync)
        {
            var r = RegionOfVpc(vpcId);
            if (r.SecurityGroups.Values.Any(g => g.VpcId == vpcId && g.Name == groupName))
                throw new AwsApiException("InvalidGroup.Duplicate", $"The security group '{groupName}' already exists for VPC '{vpcId}'");
            var group = new SimSecurityGroup(Ids.Next("sg"), vpcId, groupName, ++_sequence);
            foreach (var rule in ingress ?? [])
                CheckSources(r, rule, group.Id);
            group.Ingress.AddRange((ingress ?? []).Select(Normalized));
            AddTags(group.Tags, tags);
            r.SecurityGroups[group.Id] = group;
            return group.Id;
        }
    }

    /// <summary>Creates an S3 bucket in a region. Bucket names are global, as in S3: a name another account holds is
    /// BucketAlreadyExists, one this account holds BucketAlreadyOwnedByYou (both 409).</summary>
    public void CreateBucket(string name, string region) => Accounts.CreateBucket(this, name, region);

    public void SetCallerIdentity(string arn, string account, string? userId = null)
    {
        lock (Sync)
            Caller = new CallerIdentity(account, arn, userId ?? "AIDASIMULATOR00000001");
    }

    /// <summary>The endpoint as DescribeVpcEndpoints would show it now, or null once it is gone.</summary>
    public AwsEndpoint? FindEndpoint(string endpointId)
    {
        lock (Sync)
        {
            foreach (var r in _regions.Values)
            {
                AdvanceLifecycles(r);
                if (r.Endpoints.TryGetValue(endpointId, out var endpoint))
                    return SimViews.Endpoint(r, endpoint);
            }
            return null;
        }
    }

    /// <summary>Every endpoint of a region still visible (deleted ones until they disappear), oldest first.</summary>
    public IReadOnlyList<AwsEndpoint> Endpoints(string region)
    {
        lock (Sync)
        {
            var r = RegionLocked(region);
            AdvanceLifecycles(r);
            return r.Endpoints.Values.OrderBy(e => e.Sequence).Select(e => SimViews.Endpoint(r, e)).ToList();
        }
    }

    public AwsRouteTable RouteTable(string routeTableId)
    {
        lock (Sync)
        {
            var r = RegionOfRouteTable(routeTableId);
            AdvanceLifecycles(r);
            return SimViews.RouteTable(r.RouteTables[routeTableId]);
        }
    }

    /// <summary>The bucket's policy as GetBucketPolicy shows it, or null when it has none.</summary>
    public string? BucketPolicy(string bucket)
    {
        lock (Sync)
            return Buckets.TryGetValue(bucket, out var b)
                ? b.Policy is { } stored ? BucketPolicyDocuments.Show(stored, Iam) : null
                : throw new AwsApiException(AwsErrorCodes.NoSuchBucket, "The specified bucket does not exist", 404);
    }

    internal long NextSequence() => ++_sequence;

    internal SimRegion RegionLocked(string region, IReadOnlyList<string>? availabilityZones = null)
    {
        if (_regions.TryGetValue(region, out var existing))
            return existing;
        var zones = availabilityZones?.ToList() ?? [$"{region}a", $"{region}b", $"{region}c"];
        var created = new SimRegion(region, zones, Ids.HostedZoneId()[..14]);
        EndpointServiceCatalog.Populate(created);
        _regions[region] = created;
        return created;
    }

    internal IEnumerable<SimRegion> Regions => _regions.Values;

    internal SimRegion RegionOfVpc(string vpcId) =>
        _regions.Values.FirstOrDefault(r => r.Vpcs.ContainsKey(vpcId)) ?? throw Ec2Errors.VpcNotFound(vpcId);

    internal SimRegion RegionOfRouteTable(string routeTableId) =>
        _regions.Values.FirstOrDefault(r => r.RouteTables.ContainsKey(routeTableId)) ?? throw Ec2Errors.RouteTableNotFound(routeTableId);

    internal SimRegion RegionOfEndpoint(string endpointId) =>
        _regions.Values.FirstOrDefault(r => r.Endpoints.ContainsKey(endpointId)) ?? throw Ec2Errors.EndpointNotFound(endpointId);

    /// <summary>
    /// Moves endpoints along their lifecycle up to now: pending → (after EndpointPendingFor) the service's outcome;
    /// deleting → (after EndpointDeletingFor) deleted, which frees its network interfaces; deleted → gone after
    /// DeletedEndpointVisibleFor. Lazily, on every read and write, so virtual time needs no timers.
    /// </summary>
    internal void AdvanceLifecycles(SimRegion region)
    {
        var now = Time.GetUtcNow();
        List<string>? gone = null;
        foreach (var endpoint in region.Endpoints.Values)
        {
            if (endpoint.State == EndpointStates.Pending && now >= endpoint.StateSince + Options.EndpointPendingFor)
            {
                endpoint.StateSince += Options.EndpointPendingFor;
                endpoint.State = endpoint.StateAfterPending;
            }
            if (endpoint.State == EndpointStates.Deleting && now >= endpoint.StateSince + Options.EndpointDeletingFor)
            {
                endpoint.StateSince += Options.EndpointDeletingFor;
                endpoint.State = EndpointStates.Deleted;
                endpoint.NetworkInterfaceBySubnet.Clear();
            }
            if (endpoint.State == EndpointStates.Deleted && now >= endpoint.StateSince + Options.DeletedEndpointVisibleFor)
                (gone ??= []).Add(endpoint.Id);
        }
        foreach (var id in gone ?? [])
            region.Endpoints.Remove(id);
        foreach (var table in region.RouteTables.Values)
            if (table.RemovedRoutes.Count > 0)
                EventualConsistency.ForgetPropagated(table, now, Options.PropagationDelay);
    }

    internal static void AddTags(Dictionary<string, string> target, IReadOnlyDictionary<string, string>? tags)
    {
        foreach (var (key, value) in tags ?? Tag.None)
            target[key] = value;
    }

    private SimEndpointService ServiceLocked(string region, string serviceName) =>
        RegionLocked(region).Services.GetValueOrDefault(serviceName) ?? throw Ec2Errors.ServiceNotFound(serviceName);
}
