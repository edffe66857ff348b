using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;
using static Vpce.Tests.Component.Accounts.AccountBed;

namespace Vpce.Tests.Component.Accounts;

/// <summary>Objects naming an AwsAccount (here the operator's own account, without a role) on the simulator: each refusal
/// reason with nothing written in the account, admission seen again when a namespace's labels change, the account's status,
/// and its deletion held while objects name it.</summary>
public sealed class AccountAdmissionComponentTests
{
    private static async Task<VpcEndpoint> RefusedAsync(Testbed bed, string name, string reason)
    {
        Assert.True(await bed.Operator.ConvergeAsync(() => Condition(bed.Find(name), ConditionTypes.Synced)?.Reason == reason,
            TimeSpan.FromSeconds(60)), $"{name} not refused with {reason}: {Testbed.Describe(bed.Find(name))}");
        var refused = bed.Get(name);
        Assert.Equal(ConditionStatus.False, Condition(refused, ConditionTypes.Synced)!.Status);
        Assert.Contains(bed.Events(name), e => e.Type == "Warning" && e.Reason == reason);
        Assert.Equal(0, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Empty(bed.Aws.World.Endpoints(bed.Account.Region));
        return refused;
    }

    [Fact]
    public async Task An_object_naming_no_AwsAccount_is_refused_with_AccountNotFound()
    {
        await using var bed = Testbed.Start();
        bed.Apply(Named(Testbed.Gateway(), "nowhere"));
        var refused = await RefusedAsync(bed, "s3", AccountReasons.AccountNotFound);
        Assert.Contains("spec.accountRef", Condition(refused, ConditionTypes.Synced)!.Message);
    }

    [Fact]
    public async Task A_namespace_the_selector_does_not_admit_is_refused_until_it_is_labelled_without_a_restart()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "checkout" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        var refused = await RefusedAsync(bed, "s3", AccountReasons.AccountNotAllowed);
        Assert.Contains($"namespace {Testbed.Ns}", Condition(refused, ConditionTypes.Synced)!.Message);

        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        var ready = await bed.ReadyAsync("s3");
        Assert.Equal(DemoAccount.AccountId, ready.Status!.AccountId);
    }

    [Fact]
    public async Task A_region_outside_the_accounts_regions_is_refused()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments", change: s => s.Regions = ["us-east-1"]));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        var refused = await RefusedAsync(bed, "s3", AccountReasons.RegionNotAllowed);
        Assert.Contains("spec.region", Condition(refused, ConditionTypes.Synced)!.Message);
    }

    [Theory]
    [InlineData("ids")]
    [InlineData("tags")]
    public async Task A_VPC_outside_the_accounts_VPCs_is_refused_before_any_write(string by)
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments", change: s =>
        {
            if (by == "ids") s.VpcIds = ["vpc-0123456789abcdef0"];
            else s.VpcSelector = new TagSelector { Tags = { ["team"] = "payments" } };
        }));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        var refused = await RefusedAsync(bed, "s3", AccountReasons.VpcNotAllowed);
        Assert.Contains(bed.Account.VpcId, Condition(refused, ConditionTypes.Synced)!.Message);
    }

    [Fact]
    public async Task The_accounts_VPC_is_admitted()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments", change: s => s.VpcIds = [bed.Account.VpcId]));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        await bed.ReadyAsync("s3");
    }

    [Fact]
    public async Task A_bucket_outside_the_accounts_patterns_is_refused_and_its_policy_untouched()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments", change: s => s.Buckets = ["payments-*"]));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name);
        bed.Kube.EndpointBucketPolicies.Apply(Policy(bed.Account.BucketName, "payments"));
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports"), ConditionTypes.Synced)?.Reason == AccountReasons.BucketNotAllowed,
            TimeSpan.FromSeconds(60)));
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
        Assert.Equal(0, bed.Aws.Calls["s3:GetBucketPolicy"]);
        Assert.Contains("spec.bucket", Condition(bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, "reports"), ConditionTypes.Synced)!.Message);
    }

    [Fact]
    public async Task The_default_account_applies_to_objects_without_accountRef()
    {
        await using var bed = Testbed.Start(new Vpce.Operator.Hosting.InMemoryOperatorOptions { DefaultAccount = "payments" });
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Apply(Testbed.Gateway());
        await RefusedAsync(bed, "s3", AccountReasons.AccountNotAllowed);
    }

    [Fact]
    public async Task An_account_of_the_operators_own_identity_is_Ready_and_counts_the_objects_naming_it()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        await bed.ReadyAsync("s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.AwsAccounts.Get("", "payments")?.Status?.Objects == 1, TimeSpan.FromSeconds(300)),
            $"objects: {bed.Kube.AwsAccounts.Get("", "payments")?.Status?.Objects}");
        var account = bed.Kube.AwsAccounts.Get("", "payments")!;
        Assert.Equal((ConditionStatus.True, AccountReasons.RoleAssumed), (Condition(account, ConditionTypes.Ready)!.Status, Condition(account, ConditionTypes.Ready)!.Reason));
        Assert.Equal(DemoAccount.AccountId, account.Status!.AccountId);
    }

    [Fact]
    public async Task An_account_that_is_not_the_operators_own_is_AccountMismatch()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("elsewhere", accountId: "999988887777"));
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.AwsAccounts.Get("", "elsewhere"), ConditionTypes.Ready)?.Reason == AccountReasons.AccountMismatch, TimeSpan.FromSeconds(60)));
        Assert.Contains("999988887777", Condition(bed.Kube.AwsAccounts.Get("", "elsewhere"), ConditionTypes.Ready)!.Message);
    }

    [Fact]
    public async Task An_invalid_account_is_InvalidSpec_and_admits_nothing()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("broken", change: s => s.RoleArn = "arn:aws:iam::999988887777:role/vpce-operator/x"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        Assert.True(await bed.Operator.ConvergeAsync(() =>
            Condition(bed.Kube.AwsAccounts.Get("", "broken"), ConditionTypes.Ready)?.Reason == ReadyReasons.InvalidSpec, TimeSpan.FromSeconds(60)));
        Assert.Contains("spec.roleArn", Condition(bed.Kube.AwsAccounts.Get("", "broken"), ConditionTypes.Ready)!.Message);
        bed.Apply(Named(Testbed.Gateway(), "broken"));
        await RefusedAsync(bed, "s3", AccountReasons.AccountNotAllowed);
        Assert.Equal(0, bed.Aws.Calls["sts:AssumeRole"]);
    }

    [Fact]
    public async Task An_account_named_by_objects_is_kept_with_a_warning_until_none_names_it()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        await bed.ReadyAsync("s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.AwsAccounts.Get("", "payments")?.Metadata.Finalizers?.Count > 0, TimeSpan.FromSeconds(60)));

        bed.Kube.AwsAccounts.Delete("", "payments");
        await bed.Operator.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(bed.Kube.AwsAccounts.Get("", "payments"));
        Assert.Contains(bed.Kube.Events.For("", "payments"), e => e.Type == "Warning" && e.Reason == AccountReasons.StillNamed
            && e.Message.Contains($"VpcEndpoint {Testbed.Ns}/s3"));
        // The endpoint it holds is deleted in it, and then the account goes.
        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.AwsAccounts.Get("", "payments") is null, TimeSpan.FromSeconds(300)),
            "the account stayed after the last object naming it went");
        Assert.Null(bed.Find("s3"));
        Assert.All(bed.Aws.World.Endpoints(bed.Account.Region), e => Assert.Equal(EndpointStates.Deleted, e.State));
    }

    [Fact]
    public async Task Only_a_spec_change_of_the_account_queues_its_objects_again()
    {
        await using var bed = Testbed.Start();
        using var adds = new CounterProbe(bed.Operator.Metrics.Meter, "vpce_workqueue_adds_total");
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        await bed.ReadyAsync("s3");
        await bed.Operator.AdvanceAsync(TimeSpan.FromSeconds(10));
        long Queued() => adds.Sum(("name", VpcEndpoint.KindName));
        var before = Queued();

        // A label leaves the generation, as the account's own status writes do: its objects are not queued again.
        var labelled = Account("payments");
        labelled.Metadata.Labels = new() { ["owner"] = "platform" };
        bed.Kube.AwsAccounts.Apply(labelled);
        await bed.Operator.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before, Queued());

        bed.Kube.AwsAccounts.Apply(Account("payments", change: s => s.Regions = ["eu-west-1"]));
        await bed.Operator.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before + 1, Queued());
    }

    [Fact]
    public async Task The_accounts_object_count_follows_an_object_made_or_gone_at_once()
    {
        await using var bed = Testbed.Start();
        bed.Kube.AwsAccounts.Apply(Account("payments"));
        bed.Kube.LabelNamespace(Testbed.Ns, new Dictionary<string, string> { ["team"] = "payments" });
        bed.Apply(Named(Testbed.Gateway(), "payments"));
        bed.Apply(Named(Testbed.Interface(), "payments"));
        await bed.ReadyAsync("s3");
        await bed.ReadyAsync("ssm");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.AwsAccounts.Get("", "payments")?.Status?.Objects == 2, TimeSpan.FromSeconds(10)));

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "ssm");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.AwsAccounts.Get("", "payments")?.Status?.Objects == 1, TimeSpan.FromSeconds(30)),
            $"objects: {bed.Kube.AwsAccounts.Get("", "payments")?.Status?.Objects}");
    }
}
