using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>A gateway endpoint in a workload account, reached through an AwsAccount's role: create, a change of route tables,
/// delete. Every write in the workload account is a crash point (the crashing ports wrap the assumed-role ports too); the
/// endpoint must live in the workload account only, never be made twice, and be gone from it once the object is.</summary>
public sealed class CrossAccountEndpointScenario : ICrashScenario
{
    private const string Name = "s3-elsewhere";
    private const string WorkloadId = "222233334444";
    private const string Role = "arn:aws:iam::222233334444:role/vpce-operator/spoke";

    private AwsSimulator? _workload;
    private DemoAccount? _network;

    string ICrashScenario.Name => "VpcEndpoint (Gateway, in another account)";

    private AwsSimulator Workload => _workload ?? throw new InvalidOperationException("not set up");

    private string Rt(int i) => (_network ?? throw new InvalidOperationException("not set up")).PrivateRouteTableIds[i];

    public Task SetUpAsync(SweepWorld world)
    {
        _workload = world.Aws.AddAccount(WorkloadId);
        _network = DemoAccount.Build(_workload.World, bucketName: "sweep-workload-bucket");
        _workload.World.CreateAssumableRole(Role, [$"arn:aws:iam::{DemoAccount.AccountId}:root"], "sweep-1");
        world.Kube.LabelNamespace(SweepWorld.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        world.Kube.AwsAccounts.Apply(new AwsAccount
        {
            Metadata = new ObjectMetadata { Name = "payments-prod" },
            Spec = new AwsAccountSpec
            {
                AccountId = WorkloadId, RoleArn = Role, ExternalId = "sweep-1",
                NamespaceSelector = new LabelSelector { MatchLabels = new() { ["team"] = "payments" } },
            },
        });
        return Task.CompletedTask;
    }

    public IReadOnlyList<SweepStep> Steps =>
    [
        new("create", w =>
        {
            w.Kube.VpcEndpoints.Apply(new VpcEndpoint
            {
                Metadata = new ObjectMetadata { Name = Name, Namespace = SweepWorld.Ns },
                Spec = new VpcEndpointSpec
                {
                    AccountRef = new LocalObjectReference { Name = "payments-prod" },
                    VpcId = _network!.VpcId,
                    ServiceName = "s3",
                    RouteTableIds = [Rt(0)],
                },
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("change route tables", w =>
        {
            w.ChangeEndpoint(Name, spec => spec.RouteTableIds = [Rt(0), Rt(1)]);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("delete", w =>
        {
            Delete(w);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(2)),
    ];

    public void Edit(SweepWorld world) => world.ChangeEndpoint(Name, spec =>
    {
        var tables = (spec.RouteTableIds ?? []).ToHashSet();
        if (!tables.Remove(Rt(0))) tables.Add(Rt(0));
        if (tables.Count == 0) tables.Add(Rt(1));
        spec.RouteTableIds = [.. tables.Order(StringComparer.Ordinal)];
    });

    public bool Exists(SweepWorld world) => Find(world) is not null;

    public void Delete(SweepWorld world) => world.Kube.VpcEndpoints.Delete(SweepWorld.Ns, Name);

    public string? Violation(SweepWorld world)
    {
        if (Owned(world.Aws).Count > 0)
        {
            return $"endpoints of the object in the operator's own account: {Ids(Owned(world.Aws))}";
        }
        var live = Owned(Workload).Where(e => e.State != EndpointStates.Deleted).ToList();
        var resource = Find(world);
        if (resource is null)
        {
            return live.Count > 0 ? $"the object is gone but its endpoints are left in {WorkloadId}: {Ids(live)}" : null;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return "the object is stuck deleting";
        }
        if (GatewayEndpointScenario.ConflictOrNotReady(resource.Status?.Conditions) is { } bad)
        {
            return bad;
        }
        var active = live.Where(e => e.State != EndpointStates.Deleting).ToList();
        if (active.Count != 1)
        {
            return $"{active.Count} endpoints in {WorkloadId} carry the object's ownership tags: {Ids(active)}";
        }
        if (resource.Status!.EndpointId != active[0].VpcEndpointId || resource.Status.AccountId != WorkloadId)
        {
            return $"status names {resource.Status.EndpointId} in {resource.Status.AccountId}, not {active[0].VpcEndpointId} in {WorkloadId}";
        }
        var want = (resource.Spec.RouteTableIds ?? []).ToHashSet();
        return want.SetEquals(active[0].RouteTableIds)
            ? null
            : $"route tables [{string.Join(",", active[0].RouteTableIds.Order())}], expected [{string.Join(",", want.Order())}]";
    }

    private static VpcEndpoint? Find(SweepWorld world) => world.Kube.VpcEndpoints.Get(SweepWorld.Ns, Name);

    private static IReadOnlyList<AwsEndpoint> Owned(AwsSimulator account) =>
        account.World.Endpoints("eu-west-1")
            .Where(e => e.Tags.TryGetValue(OwnershipTags.Namespace, out var ns) && ns == SweepWorld.Ns
                && e.Tags.TryGetValue(OwnershipTags.Name, out var n) && n == Name)
            .ToList();

    private static string Ids(IEnumerable<AwsEndpoint> endpoints) => string.Join(", ", endpoints.Select(e => $"{e.VpcEndpointId} ({e.State})"));
}
