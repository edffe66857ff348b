using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Status;
using Vpce.Simulation.Aws;

namespace Vpce.Operator.Demo;

/// <summary>The demo's many-accounts part: a workload account and a data account, each reached through an AwsAccount's role;
/// an endpoint in the workload account's VPC, a statement in the data account's bucket admitting it, and a tenant namespace
/// the account does not admit, refused with nothing called there.</summary>
public sealed class AccountScenes(InMemoryOperator op, Action<string> say)
{
    public const string WorkloadId = "222233334444";
    public const string DataId = "555566667777";
    private const string WorkloadRole = "arn:aws:iam::222233334444:role/vpce-operator/payments-prod";
    private const string DataRole = "arn:aws:iam::555566667777:role/vpce-operator/payments-data";
    private const string Ledger = "payments-ledger";

    public AwsSimulator? Workload { get; private set; }
    public AwsSimulator? Data { get; private set; }

    /// <summary>Sets the two accounts up, applies the AwsAccounts and the objects, and shows where each lives.</summary>
    public async Task<bool> RunAsync(Func<Func<bool>, Task<bool>> converge)
    {
        // The operator's own principal (role/vpce-operator in 123456789012) is the hub each spoke role trusts.
        const string hub = "arn:aws:iam::123456789012:role/vpce-operator";
        Workload = op.Aws.AddAccount(WorkloadId);
        var network = DemoAccount.Build(Workload.World, vpcName: "payments-vpc", bucketName: "payments-workload-logs");
        Workload.World.CreateAssumableRole(WorkloadRole, [hub], "payments-7f3a");
        Data = op.Aws.AddAccount(DataId);
        Data.World.CreateBucket(Ledger, network.Region);
        Data.World.CreateAssumableRole(DataRole, [hub], "ledger-31c9");

        say("Many accounts: the same operator acts in a workload account and a data account through their roles.");
        say($"  account {WorkloadId}: VPC {network.VpcId} (Name=payments-vpc), role/vpce-operator/payments-prod trusting the hub role");
        say($"  account {DataId}: bucket {Ledger} ({network.Region}), role/vpce-operator/payments-data trusting the hub role");
        say("$ kubectl label ns payments team=payments; kubectl label ns sandbox team=sandbox");
        op.Kube.LabelNamespace("payments", new Dictionary<string, string> { ["team"] = "payments" });
        op.Kube.LabelNamespace("sandbox", new Dictionary<string, string> { ["team"] = "sandbox" });
        say("$ kubectl apply -f awsaccounts.yaml   # payments-prod, payments-data: namespaceSelector team=payments");
        op.Kube.AwsAccounts.Apply(Account("payments-prod", WorkloadId, WorkloadRole, "payments-7f3a", s => s.VpcIds = [network.VpcId]));
        op.Kube.AwsAccounts.Apply(Account("payments-data", DataId, DataRole, "ledger-31c9", s => s.Buckets = ["payments-*"]));
        say("$ kubectl apply -f -   # payments/s3: a gateway endpoint in payments-vpc, accountRef payments-prod");
        op.Kube.VpcEndpoints.Apply(Endpoint("payments", "payments-prod"));
        say($"$ kubectl apply -f -   # payments/ledger: a statement in {Ledger}, accountRef payments-data, admitting payments/s3");
        op.Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "ledger", Namespace = "payments" },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = Ledger, AccountRef = new LocalObjectReference { Name = "payments-data" },
                VpcEndpointRef = new LocalObjectReference { Name = "s3" }, ExemptPrincipalArns = [DataRole],
            },
        });
        say("$ kubectl apply -f -   # sandbox/s3: the same endpoint from a namespace the account does not admit");
        op.Kube.VpcEndpoints.Apply(Endpoint("sandbox", "payments-prod"));
        say("");
        var settled = await converge(() =>
            Ready(op.Kube.VpcEndpoints.Get("payments", "s3")) && Ready(op.Kube.EndpointBucketPolicies.Get("payments", "ledger"))
            && Synced(op.Kube.VpcEndpoints.Get("sandbox", "s3"))?.Reason == "AccountNotAllowed"
            && op.Kube.AwsAccounts.List().All(a => a.Status?.Objects > 0 && Ready(a)));
        say("");
        say("$ kubectl get awsacct");
        say(AwsAccountTable.Render(op.Kube.AwsAccounts.List(), op.Time.GetUtcNow()));
        say("");
        var endpoint = op.Kube.VpcEndpoints.Get("payments", "s3");
        var sandbox = Synced(op.Kube.VpcEndpoints.Get("sandbox", "s3"));
        say($"  payments/s3: endpoint {endpoint?.Status?.EndpointId} in account {endpoint?.Status?.AccountId}, VPC {endpoint?.Status?.VpcId}");
        say($"  sandbox/s3 Synced={sandbox?.Status} {sandbox?.Reason}: {sandbox?.Message}");
        say($"  endpoints of the payments and sandbox namespaces, per account: {DemoAccount.AccountId} {op.Aws.World.Endpoints(network.Region).Count(e => e.Tags.ContainsKey("vpce.io/namespace") && e.Tags["vpce.io/namespace"] != "platform")}, " +
            $"{WorkloadId} {Workload.World.Endpoints(network.Region).Count}, {DataId} {Data.World.Endpoints(network.Region).Count}");
        say($"The policy of {Ledger} in account {DataId}:");
        say(DemoCommand.IndentedJson(Data.World.BucketPolicy(Ledger)));
        say("");
        return settled && Workload.World.Endpoints(network.Region).Count == 1;
    }

    private static AwsAccount Account(string name, string id, string role, string externalId, Action<AwsAccountSpec> change)
    {
        var account = new AwsAccount
        {
            Metadata = new ObjectMetadata { Name = name },
            Spec = new AwsAccountSpec
            {
                AccountId = id, RoleArn = role, ExternalId = externalId, Regions = ["eu-west-1"],
                NamespaceSelector = new LabelSelector { MatchLabels = new() { ["team"] = "payments" } },
            },
        };
        change(account.Spec);
        return account;
    }

    private static VpcEndpoint Endpoint(string @namespace, string account) => new()
    {
        Metadata = new ObjectMetadata { Name = "s3", Namespace = @namespace },
        Spec = new VpcEndpointSpec
        {
            AccountRef = new LocalObjectReference { Name = account },
            VpcSelector = new TagSelector { Tags = { ["Name"] = "payments-vpc" } },
            ServiceName = "s3",
            RouteTableSelector = new TagSelector { Tags = { ["tier"] = "private" } },
        },
    };

    private static bool Ready(ICustomResource? resource) => ConditionList.IsTrue(resource?.Status?.Conditions, ConditionTypes.Ready);

    private static Condition? Synced(ICustomResource? resource) => ConditionList.Find(resource?.Status?.Conditions, ConditionTypes.Synced);

}
