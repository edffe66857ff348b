using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component.Accounts;

/// <summary>The operator in its home account (123456789012) with a workload account (222233334444: the demo network) and a
/// data account (555566667777: a bucket), each with a spoke role on the /vpce-operator/ path that trusts the home account and
/// requires its External ID; AwsAccounts for both admit namespaces labelled team=payments, and the test namespace has it.</summary>
public sealed class ThreeAccounts : IAsyncDisposable
{
    public const string WorkloadId = "222233334444";
    public const string DataId = "555566667777";
    public const string WorkloadRole = "arn:aws:iam::222233334444:role/vpce-operator/spoke";
    public const string DataRole = "arn:aws:iam::555566667777:role/vpce-operator/spoke";
    public const string DataBucket = "payments-ledger";
    public const string HomeUser = "arn:aws:iam::123456789012:user/vpce-simulator";

    private ThreeAccounts(Testbed bed)
    {
        Bed = bed;
        Workload = bed.Aws.AddAccount(WorkloadId);
        Network = DemoAccount.Build(Workload.World, bucketName: "payments-workload-logs");
        Workload.World.CreateAssumableRole(WorkloadRole, [$"arn:aws:iam::{DemoAccount.AccountId}:root"], "payments-7f3a");
        Data = bed.Aws.AddAccount(DataId);
        Data.World.CreateBucket(DataBucket, "eu-west-1");
        Data.World.CreateAssumableRole(DataRole, [$"arn:aws:iam::{DemoAccount.AccountId}:root"], "ledger-42");
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Kube.AwsAccounts.Apply(AccountBed.Account("payments-prod", WorkloadId, WorkloadRole, change: s => s.ExternalId = "payments-7f3a"));
        bed.Kube.AwsAccounts.Apply(AccountBed.Account("payments-data", DataId, DataRole, change: s => s.ExternalId = "ledger-42"));
    }

    public Testbed Bed { get; }
    public AwsSimulator Workload { get; }
    public DemoAccount Network { get; }
    public AwsSimulator Data { get; }

    public static ThreeAccounts Start(InMemoryOperatorOptions? options = null) => new(Testbed.Start(options));

    public VpcEndpoint Endpoint(string name = "s3", Action<VpcEndpointSpec>? change = null) =>
        Bed.Apply(AccountBed.Named(Testbed.Gateway(name, change), "payments-prod"));

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}
