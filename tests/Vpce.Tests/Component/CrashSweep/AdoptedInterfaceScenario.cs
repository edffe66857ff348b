using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>An interface endpoint another tool made, adopted through spec.endpointId in Exclusive mode: the adoption tags it
/// as the object's, a change adds a subnet, a tag and a policy, a subnet removed behind the operator's back comes back, a
/// second change drops the tag, delete (deletionPolicy Delete) deletes the adopted endpoint. A crash after any of it
/// must leave the endpoint the object's, matching its spec, and gone with it.</summary>
public sealed class AdoptedInterfaceScenario : ICrashScenario
{
    private const string ObjectName = "ssm-adopted";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ssm:*","Resource":"*"}]}""";
    private string _adopted = "";

    public string Name => "VpcEndpoint (Interface, adopted, Exclusive)";

    private static string Subnet(SweepWorld w, int i) => w.Account.PrivateSubnetIds[i];

    public async Task SetUpAsync(SweepWorld world)
    {
        _adopted = (await world.Aws.Ec2.CreateVpcEndpointAsync(world.Account.Region, new CreateEndpointRequest
        {
            VpcId = world.Account.VpcId,
            ServiceName = $"com.amazonaws.{world.Account.Region}.ssm",
            Type = EndpointTypes.Interface,
            ClientToken = "made-elsewhere",
            RouteTableIds = [],
            SubnetIds = [Subnet(world, 0)],
            SecurityGroupIds = [world.Account.EndpointSecurityGroupId],
            PrivateDnsEnabled = true,
            Tags = new Dictionary<string, string> { [OwnershipTags.Adoptable] = "true" },
        }, default)).VpcEndpointId;
    }

    public IReadOnlyList<SweepStep> Steps =>
    [
        new("adopt", w =>
        {
            w.Kube.VpcEndpoints.Apply(new VpcEndpoint
            {
                Metadata = new ObjectMetadata { Name = ObjectName, Namespace = SweepWorld.Ns },
                Spec = new VpcEndpointSpec
                {
                    VpcId = w.Account.VpcId,
                    ServiceName = "ssm",
                    EndpointId = _adopted,
                    SubnetIds = [Subnet(w, 0)],
                    SecurityGroupIds = [w.Account.EndpointSecurityGroupId],
                    DeletionPolicy = DeletionPolicies.Delete,
                },
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("a subnet, a tag and a policy", w =>
        {
            Change(w, spec =>
            {
                spec.SubnetIds = [Subnet(w, 0), Subnet(w, 1)];
                spec.Tags = new() { ["team"] = "ops" };
                spec.PolicyDocument = Policy;
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(2)),
        new("a subnet removed behind the operator's back", w =>
        {
            w.Aws.Tamper.RemoveSubnet(_adopted, Subnet(w, 1));
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(5)),
        new("the tag dropped", w =>
        {
            Change(w, spec => spec.Tags = null);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("delete", w =>
        {
            Delete(w);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(2)),
    ];

    public void Edit(SweepWorld world) => Change(world, spec =>
    {
        var tags = new Dictionary<string, string>(spec.Tags ?? []);
        if (!tags.Remove("edited")) tags["edited"] = "yes";
        spec.Tags = tags;
        spec.SubnetIds = (spec.SubnetIds ?? []).Contains(Subnet(world, 2)) ? [Subnet(world, 0)] : [Subnet(world, 0), Subnet(world, 2)];
    });

    public bool Exists(SweepWorld world) => Find(world) is not null;

    public void Delete(SweepWorld world) => world.Kube.VpcEndpoints.Delete(SweepWorld.Ns, ObjectName);

    public string? Violation(SweepWorld world)
    {
        var adopted = world.Aws.World.FindEndpoint(_adopted);
        var resource = Find(world);
        var owned = world.Aws.World.Endpoints(world.Account.Region)
            .Where(e => e.Tags.TryGetValue(OwnershipTags.Name, out var n) && n == ObjectName && e.State is not (EndpointStates.Deleted or EndpointStates.Deleting))
            .Select(e => e.VpcEndpointId).ToList();
        if (resource is null)
        {
            return adopted is not null && adopted.State is not (EndpointStates.Deleted or EndpointStates.Deleting)
                ? $"the object is gone but the endpoint it adopted is {adopted.State}"
                : owned.Count > 0 ? $"the object is gone but endpoints carry its tags: {string.Join(", ", owned)}" : null;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return "the object is stuck deleting";
        }
        if (GatewayEndpointScenario.ConflictOrNotReady(resource.Status?.Conditions) is { } bad)
        {
            return bad;
        }
        if (owned.Count != 1 || owned[0] != _adopted || resource.Status!.EndpointId != _adopted)
        {
            return $"endpoints with the object's tags [{string.Join(", ", owned)}], status {resource.Status?.EndpointId}; expected only the adopted {_adopted}";
        }
        var spec = resource.Spec;
        if (!(spec.SubnetIds ?? []).ToHashSet().SetEquals(adopted!.SubnetIds))
        {
            return $"subnets [{string.Join(",", adopted.SubnetIds)}], the spec says [{string.Join(",", spec.SubnetIds ?? [])}]";
        }
        var tags = adopted.Tags.Where(t => !OwnershipTags.IsReserved(t.Key)).ToDictionary();
        var want = spec.Tags ?? [];
        if (tags.Count != want.Count || tags.Any(t => !want.TryGetValue(t.Key, out var v) || v != t.Value))
        {
            return $"tags {string.Join(",", tags.Select(t => $"{t.Key}={t.Value}"))}, the spec says {string.Join(",", want.Select(t => $"{t.Key}={t.Value}"))}";
        }
        return spec.PolicyDocument is { } policy && PolicyDocument.Canonicalize(policy) != PolicyDocument.Canonicalize(adopted.PolicyDocument ?? "")
            ? $"policy {adopted.PolicyDocument}, the spec says {policy}"
            : null;
    }

    private static VpcEndpoint? Find(SweepWorld world) => world.Kube.VpcEndpoints.Get(SweepWorld.Ns, ObjectName);

    private static void Change(SweepWorld world, Action<VpcEndpointSpec> change) => world.ChangeEndpoint(ObjectName, change);
}
