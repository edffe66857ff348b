using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>A gateway endpoint in Additive mode with spec.tags and an exported ConfigMap: create, a route table and a tag
/// another tool adds, a change of route tables, tags and the ConfigMap's name, a route table removed behind the operator's
/// back, a second change, delete. The foreign route table and tag must survive every crash; what the object put on the
/// endpoint must come off when the spec drops it.</summary>
public sealed class GatewayEndpointScenario : ICrashScenario
{
    private const string Name = "s3-crash";
    private const string ForeignTagKey = "audit";

    string ICrashScenario.Name => "VpcEndpoint (Gateway, Additive, export)";

    private string Rt(SweepWorld w, int i) => w.Account.PrivateRouteTableIds[i];

    // What another tool put on the endpoint: never the operator's to take off.
    private readonly HashSet<string> _foreignRouteTables = [];
    private readonly Dictionary<string, string> _foreignTags = [];

    public Task SetUpAsync(SweepWorld world) => Task.CompletedTask;

    public IReadOnlyList<SweepStep> Steps =>
    [
        new("create", w =>
        {
            w.Kube.VpcEndpoints.Apply(new VpcEndpoint
            {
                Metadata = new ObjectMetadata { Name = Name, Namespace = SweepWorld.Ns },
                Spec = new VpcEndpointSpec
                {
                    VpcId = w.Account.VpcId,
                    ServiceName = "s3",
                    RouteTableIds = [Rt(w, 0)],
                    AssociationMode = AssociationModes.Additive,
                    Tags = new() { ["team"] = "payments" },
                    Export = new EndpointExport { ConfigMapName = "s3-hints" },
                },
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("another tool adds a route table and a tag", async w =>
        {
            var id = Endpoint(w)!.VpcEndpointId;
            await w.Aws.Ec2.ModifyVpcEndpointAsync(w.Account.Region, new ModifyEndpointRequest { VpcEndpointId = id, AddRouteTableIds = [Rt(w, 2)] }, default);
            _foreignRouteTables.Add(Rt(w, 2));
            w.Aws.Tamper.SetTag(id, ForeignTagKey, "keep");
            _foreignTags[ForeignTagKey] = "keep";
        }, TimeSpan.FromMinutes(3)),
        new("change route tables, tags and the ConfigMap", w =>
        {
            Change(w, spec =>
            {
                spec.RouteTableIds = [Rt(w, 0), Rt(w, 1)];
                spec.Tags = new() { ["team"] = "payments", ["env"] = "prod" };
                spec.Export = new EndpointExport { ConfigMapName = "s3-hints-v2" };
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("a route table removed behind the operator's back", w =>
        {
            w.Aws.Tamper.RemoveRouteTable(Endpoint(w)!.VpcEndpointId, Rt(w, 1));
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(5)),
        new("change route tables and tags again", w =>
        {
            Change(w, spec =>
            {
                spec.RouteTableIds = [Rt(w, 1)];
                spec.Tags = new() { ["env"] = "prod" };
            });
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
        // Toggle the first route table, and change both tags and the ConfigMap: every kind of thing the object owns moves.
        var tables = (spec.RouteTableIds ?? []).ToHashSet();
        if (!tables.Remove(Rt(world, 0))) tables.Add(Rt(world, 0));
        if (tables.Count == 0) tables.Add(Rt(world, 1));
        spec.RouteTableIds = [.. tables.Order(StringComparer.Ordinal)];
        var tags = new Dictionary<string, string>(spec.Tags ?? []);
        tags.Remove("team");
        tags["edited"] = "yes";
        spec.Tags = tags;
        spec.Export = new EndpointExport { ConfigMapName = "s3-hints-edited" };
    });

    public bool Exists(SweepWorld world) => Find(world) is not null;

    public void Delete(SweepWorld world) => world.Kube.VpcEndpoints.Delete(SweepWorld.Ns, Name);

    public string? Violation(SweepWorld world)
    {
        var resource = Find(world);
        var live = Owned(world).Where(e => e.State != EndpointStates.Deleted).ToList();
        if (resource is null)
        {
            return live.Count > 0 ? $"the object is gone but its endpoints are left: {Ids(live)}" : null;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return "the object is stuck deleting";
        }
        if (ConflictOrNotReady(resource.Status?.Conditions) is { } bad)
        {
            return bad;
        }
        var active = live.Where(e => e.State != EndpointStates.Deleting).ToList();
        if (active.Count != 1)
        {
            return $"{active.Count} endpoints carry the object's ownership tags: {Ids(active)}";
        }
        var endpoint = active[0];
        if (resource.Status!.EndpointId != endpoint.VpcEndpointId)
        {
            return $"status.endpointId {resource.Status.EndpointId} is not the endpoint {endpoint.VpcEndpointId}";
        }
        var wantTables = (resource.Spec.RouteTableIds ?? []).Concat(_foreignRouteTables).ToHashSet();
        if (!wantTables.SetEquals(endpoint.RouteTableIds))
        {
            return $"route tables [{string.Join(",", endpoint.RouteTableIds.Order())}], expected the spec's and the foreign ones [{string.Join(",", wantTables.Order())}]";
        }
        var wantTags = new Dictionary<string, string>(resource.Spec.Tags ?? []);
        foreach (var (key, value) in _foreignTags)
        {
            wantTags[key] = value;
        }
        var tags = endpoint.Tags.Where(t => !OwnershipTags.IsReserved(t.Key)).ToDictionary();
        if (tags.Count != wantTags.Count || tags.Any(t => !wantTags.TryGetValue(t.Key, out var v) || v != t.Value))
        {
            return $"tags {TagText(tags)}, expected {TagText(wantTags)}";
        }
        var maps = world.Kube.ConfigMaps.List().Where(m => m.Controller?.Uid == resource.Metadata.Uid).Select(m => m.Name).Order().ToList();
        var wantMap = resource.Spec.Export?.ConfigMapName;
        if (maps.Count != 1 || maps[0] != wantMap)
        {
            return $"the object controls ConfigMaps [{string.Join(",", maps)}], expected [{wantMap}]";
        }
        return null;
    }

    internal static string? ConflictOrNotReady(IReadOnlyList<Condition>? conditions)
    {
        var all = conditions ?? [];
        if (all.FirstOrDefault(c => c.Reason is "AdoptionConflict" or "SidConflict") is { } conflict)
        {
            return $"{conflict.Type}={conflict.Status} {conflict.Reason}: {conflict.Message}";
        }
        var ready = all.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var synced = all.FirstOrDefault(c => c.Type == ConditionTypes.Synced);
        return ready?.Status == ConditionStatus.True && synced?.Status == ConditionStatus.True
            ? null
            : $"not Ready and Synced: {string.Join("; ", all.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"))}";
    }

    private static VpcEndpoint? Find(SweepWorld world) => world.Kube.VpcEndpoints.Get(SweepWorld.Ns, Name);

    private static IReadOnlyList<AwsEndpoint> Owned(SweepWorld world) =>
        world.Aws.World.Endpoints(world.Account.Region)
            .Where(e => e.Tags.TryGetValue(OwnershipTags.Namespace, out var ns) && ns == SweepWorld.Ns
                && e.Tags.TryGetValue(OwnershipTags.Name, out var n) && n == Name)
            .ToList();

    private static AwsEndpoint? Endpoint(SweepWorld world) => Owned(world).FirstOrDefault(e => e.State is not (EndpointStates.Deleted or EndpointStates.Deleting));

    private static void Change(SweepWorld world, Action<VpcEndpointSpec> change) => world.ChangeEndpoint(Name, change);

    private static string Ids(IEnumerable<AwsEndpoint> endpoints) => string.Join(", ", endpoints.Select(e => $"{e.VpcEndpointId} ({e.State})"));

    private static string TagText(IReadOnlyDictionary<string, string> tags) =>
        "{" + string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + "}";
}
