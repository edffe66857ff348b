using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>An EndpointBucketPolicy on a bucket that holds another team's statement (or none): create, an exemption added,
/// its statement changed behind its back while another tool adds a statement of its own, a new spec.statementSid, delete.
/// Every foreign statement must survive every crash, exactly as written; the object's statement must match its spec, under
/// its current Sid only, and be gone with it.</summary>
public sealed class BucketPolicyScenario(bool withForeignStatement) : ICrashScenario
{
    private const string ObjectName = "reports-crash";
    private const string Operator = "arn:aws:iam::123456789012:user/vpce-simulator";
    private const string BreakGlass = "arn:aws:iam::123456789012:role/break-glass";
    private const string Edited = "arn:aws:iam::123456789012:role/edited";
    private const string RenamedSid = "VpceRenamed";

    // Foreign statements as written, by Sid.
    private readonly Dictionary<string, JsonNode> _foreign = [];
    private string _endpointId = "";

    public string Name => withForeignStatement ? "EndpointBucketPolicy (beside a foreign statement)" : "EndpointBucketPolicy (alone in its bucket)";

    private static string Bucket(SweepWorld w) => w.Account.BucketName;

    public async Task SetUpAsync(SweepWorld world)
    {
        // The endpoint the statement admits, made by another tool: no object of this cluster owns it.
        _endpointId = (await world.Aws.Ec2.CreateVpcEndpointAsync(world.Account.Region, new CreateEndpointRequest
        {
            VpcId = world.Account.VpcId,
            ServiceName = $"com.amazonaws.{world.Account.Region}.s3",
            Type = EndpointTypes.Gateway,
            ClientToken = "sweep-endpoint",
            RouteTableIds = [world.Account.PrivateRouteTableIds[0]],
            SubnetIds = [],
            SecurityGroupIds = [],
            Tags = new Dictionary<string, string>(),
        }, default)).VpcEndpointId;
        // The principal of the statement another tool adds later: S3 takes a policy only with principals that exist.
        world.Aws.World.CreateIamRole("arn:aws:iam::123456789012:role/reader");
        if (withForeignStatement)
        {
            AddForeign(world, """{"Sid":"ReadForAuditors","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::vpce-demo-bucket/*"}""");
        }
    }

    public IReadOnlyList<SweepStep> Steps =>
    [
        new("create", w =>
        {
            w.Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
            {
                Metadata = new ObjectMetadata { Name = ObjectName, Namespace = SweepWorld.Ns },
                Spec = new EndpointBucketPolicySpec { Bucket = Bucket(w), VpcEndpointIds = [_endpointId], ExemptPrincipalArns = [Operator] },
            });
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("an exemption added", w =>
        {
            Change(w, spec => spec.ExemptPrincipalArns = [Operator, BreakGlass]);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("the statement changed behind the operator's back, and another tool adds one", w =>
        {
            var root = JsonNode.Parse(w.Aws.World.BucketPolicy(Bucket(w))!)!;
            foreach (var statement in root["Statement"]!.AsArray())
            {
                if (statement!["Sid"]!.GetValue<string>().StartsWith(StatementSids.Prefix, StringComparison.Ordinal))
                {
                    statement["Action"] = "s3:GetObject";
                }
            }
            w.Aws.Tamper.SetBucketPolicy(Bucket(w), root.ToJsonString());
            AddForeign(w, """{"Sid":"LaterForeign","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::vpce-demo-bucket"}""");
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(5)),
        new("a new statementSid", w =>
        {
            Change(w, spec => spec.StatementSid = RenamedSid);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
        new("delete", w =>
        {
            Delete(w);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1)),
    ];

    public void Edit(SweepWorld world) => Change(world, spec =>
    {
        var exempt = (spec.ExemptPrincipalArns ?? []).ToList();
        if (!exempt.Remove(Edited)) exempt.Add(Edited);
        spec.ExemptPrincipalArns = exempt;
    });

    public bool Exists(SweepWorld world) => Find(world) is not null;

    public void Delete(SweepWorld world) => world.Kube.EndpointBucketPolicies.Delete(SweepWorld.Ns, ObjectName);

    public string? Violation(SweepWorld world)
    {
        var policy = world.Aws.World.BucketPolicy(Bucket(world));
        var statements = policy is null ? [] : JsonNode.Parse(policy)!["Statement"]!.AsArray().Select(s => s!).ToList();
        foreach (var (sid, written) in _foreign)
        {
            if (!statements.Any(s => JsonNode.DeepEquals(s, written)))
            {
                return $"the foreign statement {sid} is lost or changed: {policy ?? "(no policy)"}";
            }
        }
        var ours = statements.Where(s => !_foreign.ContainsKey(s["Sid"]?.GetValue<string>() ?? "")).ToList();
        var resource = Find(world);
        if (resource is null)
        {
            if (ours.Count > 0)
            {
                return $"the object is gone but statements are left: {string.Join(", ", ours.Select(s => s["Sid"]))}";
            }
            return _foreign.Count == 0 && policy is not null ? $"a policy with no statement of anyone's is left: {policy}" : null;
        }
        if (resource.Metadata.DeletionTimestamp is not null)
        {
            return "the object is stuck deleting";
        }
        if (GatewayEndpointScenario.ConflictOrNotReady(resource.Status?.Conditions) is { } bad)
        {
            return bad;
        }
        var desired = BucketStatementModel.Build(resource, null);
        if (ours.Count != 1 || ours[0]["Sid"]?.GetValue<string>() != desired.Sid || !BucketPolicyMerge.StatementMatches(ours[0].AsObject(), desired.ToJson()))
        {
            return $"the object's statements are [{string.Join(", ", ours.Select(s => s.ToJsonString()))}], expected only {desired.ToJson().ToJsonString()}";
        }
        return null;
    }

    private void AddForeign(SweepWorld world, string statement)
    {
        var node = JsonNode.Parse(statement)!;
        var current = world.Aws.World.BucketPolicy(Bucket(world));
        world.Aws.Tamper.SetBucketPolicy(Bucket(world), BucketPolicyMerge.Upsert(current, node.AsObject()));
        _foreign[node["Sid"]!.GetValue<string>()] = node;
    }

    private static EndpointBucketPolicy? Find(SweepWorld world) => world.Kube.EndpointBucketPolicies.Get(SweepWorld.Ns, ObjectName);

    private static void Change(SweepWorld world, Action<EndpointBucketPolicySpec> change) => world.ChangeBucketPolicy(ObjectName, change);
}
