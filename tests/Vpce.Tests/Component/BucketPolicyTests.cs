using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Component;

/// <summary>EndpointBucketPolicy on the simulator: one owned statement, the safety rules, drift, deletion.</summary>
public sealed class BucketPolicyTests
{
    private const string Operator = "arn:aws:iam::123456789012:user/vpce-simulator";
    private const string BreakGlass = "arn:aws:iam::123456789012:role/break-glass";
    private const string Foreign = """{"Version":"2012-10-17","Id":"team-policy","Statement":[{"Sid":"ReadForAuditors","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::vpce-demo-bucket/*"}]}""";

    private static EndpointBucketPolicy Policy(string name = "reports", string bucket = "vpce-demo-bucket", Action<EndpointBucketPolicySpec>? change = null)
    {
        var resource = new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = name, Namespace = Testbed.Ns },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = bucket,
                VpcEndpointRef = new LocalObjectReference { Name = "s3" },
                ExemptPrincipalArns = [Operator, BreakGlass],
            },
        };
        change?.Invoke(resource.Spec);
        return resource;
    }

    private static EndpointBucketPolicy? Find(Testbed bed, string name) => bed.Kube.EndpointBucketPolicies.Get(Testbed.Ns, name);

    private static Condition? Condition(EndpointBucketPolicy? resource, string type) => resource?.Status?.Conditions.FirstOrDefault(c => c.Type == type);

    private static async Task<EndpointBucketPolicy> ReadyAsync(Testbed bed, string name, int seconds = 60)
    {
        Assert.True(await bed.Operator.ConvergeAsync(() => Condition(Find(bed, name), ConditionTypes.Ready)?.Status == ConditionStatus.True,
            TimeSpan.FromSeconds(seconds)), $"{name} not Ready: {Describe(Find(bed, name))}");
        return Find(bed, name)!;
    }

    private static string Describe(EndpointBucketPolicy? r) =>
        r?.Status is null ? "(no status)" : string.Join("; ", r.Status.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));

    private static JsonArray Statements(Testbed bed, string bucket = "vpce-demo-bucket") =>
        JsonNode.Parse(bed.Aws.World.BucketPolicy(bucket)!)!["Statement"]!.AsArray();

    private static async Task<(Testbed Bed, string EndpointId)> WithEndpointAsync(string? foreignPolicy = Foreign, Action<Testbed>? before = null)
    {
        var bed = Testbed.Start();
        // The operator's identity is read once per start: what a test sets of it is set before the first reconcile.
        before?.Invoke(bed);
        if (foreignPolicy is not null)
        {
            bed.Aws.Tamper.SetBucketPolicy(bed.Account.BucketName, foreignPolicy);
        }
        var id = (await bed.ReadyAsync(bed.Apply(Testbed.Gateway()).Metadata.Name)).Status!.EndpointId!;
        return (bed, id);
    }

    private static void AssertRefused(EndpointBucketPolicy? resource, string reason)
    {
        var ready = Condition(resource, ConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, reason), (ready.Status, ready.Reason));
        Assert.Equal(reason, Condition(resource, ConditionTypes.Synced)!.Reason);
    }

    [Fact]
    public async Task Our_statement_goes_in_beside_a_foreign_one_which_stays_as_it_was()
    {
        var (bed, id) = await WithEndpointAsync();
        await using var _ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        var resource = await ReadyAsync(bed, "reports");

        var statements = Statements(bed);
        Assert.Equal(2, statements.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Foreign)!["Statement"]![0], statements[0]));
        var ours = statements[1]!;
        Assert.Equal(resource.Status!.StatementSid, ours["Sid"]!.GetValue<string>());
        Assert.Equal("Deny", ours["Effect"]!.GetValue<string>());
        // S3 shows a one-element list as its element.
        Assert.Equal(id, ours["Condition"]!["StringNotEquals"]!["aws:SourceVpce"]!.GetValue<string>());
        Assert.Equal("team-policy", JsonNode.Parse(bed.Aws.World.BucketPolicy(bed.Account.BucketName)!)!["Id"]!.GetValue<string>());
        Assert.Equal([id], resource.Status.EndpointIds);
        Assert.Equal("eu-west-1", resource.Status.BucketRegion);
        Assert.Equal("VpceReportsPlatform", resource.Status.StatementSid);
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Reason == "StatementWritten");

        // Nothing to do next time round: S3's rewriting of what was written ("Action":"s3:*", one endpoint id as a string)
        // is no drift, and there is no second write.
        var puts = bed.Aws.Calls["s3:PutBucketPolicy"];
        await bed.RunForAsync(245);
        Assert.Equal(puts, bed.Aws.Calls["s3:PutBucketPolicy"]);
        Assert.Equal("s3:*", Statements(bed)[1]!["Action"]!.GetValue<string>());
        Assert.Equal((ConditionStatus.False, "NoDrift"), (Condition(Find(bed, "reports"), ConditionTypes.Drifted)!.Status, Condition(Find(bed, "reports"), ConditionTypes.Drifted)!.Reason));
        Assert.DoesNotContain(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Reason == "DriftDetected");
    }

    [Fact]
    public async Task Two_objects_on_one_bucket_own_two_statements()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy("reports"));
        bed.Kube.EndpointBucketPolicies.Apply(Policy("uploads", change: s => s.Actions = ["s3:PutObject"]));
        await ReadyAsync(bed, "reports");
        await ReadyAsync(bed, "uploads");
        Assert.Equal(["ReadForAuditors", "VpceReportsPlatform", "VpceUploadsPlatform"],
            Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_bucket_in_another_region_is_refused_and_left_untouched()
    {
        var (bed, _) = await WithEndpointAsync(foreignPolicy: null);
        await using var __ = bed;
        using var refusals = new CounterProbe(bed.Operator.Metrics.Meter, "vpce_refusals_total");
        bed.Kube.EndpointBucketPolicies.Apply(Policy(bucket: bed.Account.OtherRegionBucketName));
        await bed.RunForAsync(5);
        var resource = Find(bed, "reports");
        AssertRefused(resource, "RegionMismatch");
        Assert.True(refusals.Sum(("kind", "EndpointBucketPolicy"), ("reason", "RegionMismatch")) >= 1);
        Assert.Contains("us-east-1", Condition(resource, ConditionTypes.Ready)!.Message);
        Assert.Null(bed.Aws.World.BucketPolicy(bed.Account.OtherRegionBucketName));
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Type == "Warning" && e.Reason == "RegionMismatch");
    }

    [Fact]
    public async Task Explicit_endpoint_ids_of_another_region_are_refused()
    {
        var (bed, id) = await WithEndpointAsync(foreignPolicy: null);
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(bucket: bed.Account.OtherRegionBucketName, change: s => { s.VpcEndpointRef = null; s.VpcEndpointIds = [id]; }));
        await bed.RunForAsync(5);
        AssertRefused(Find(bed, "reports"), "RegionMismatch");
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task No_exemption_for_the_operator_is_refused_as_a_lock_out()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.ExemptPrincipalArns = [BreakGlass]));
        await bed.RunForAsync(5);
        var resource = Find(bed, "reports");
        AssertRefused(resource, "WouldLockOutOperator");
        Assert.Contains(Operator, Condition(resource, ConditionTypes.Ready)!.Message);
        Assert.Equal(Foreign, bed.Aws.World.BucketPolicy(bed.Account.BucketName));
    }

    [Fact]
    public async Task An_assumed_role_operator_is_exempt_through_its_role()
    {
        var (bed, _) = await WithEndpointAsync(before: b => b.Aws.World.SetCallerIdentity("arn:aws:sts::123456789012:assumed-role/vpce-operator/i-0abc", "123456789012"));
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.ExemptPrincipalArns = ["arn:aws:iam::123456789012:role/vpce-operator"]));
        await ReadyAsync(bed, "reports");
    }

    [Fact]
    public async Task A_policy_that_would_pass_20_KB_is_refused()
    {
        var big = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(Enumerable.Range(0, 104).Select(i => (JsonNode)new JsonObject
            {
                ["Sid"] = $"Team{i}", ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = $"arn:aws:iam::123456789012:role/team-{i:D3}-reader-with-a-long-role-name" },
                ["Action"] = "s3:GetObject", ["Resource"] = "arn:aws:s3:::vpce-demo-bucket/*",
            }).ToArray()),
        }.ToJsonString();
        Assert.InRange(big.Length, 19_900, 20_400);
        var (bed, _) = await WithEndpointAsync(big);
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await bed.RunForAsync(5);
        AssertRefused(Find(bed, "reports"), "PolicyTooLarge");
        Assert.Equal(big, bed.Aws.World.BucketPolicy(bed.Account.BucketName));
    }

    [Fact]
    public async Task A_missing_bucket_is_BucketNotFound()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(bucket: "no-such-bucket"));
        await bed.RunForAsync(5);
        AssertRefused(Find(bed, "reports"), "BucketNotFound");
    }

    [Fact]
    public async Task Access_denied_names_the_action()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Aws.Faults.FailNext("s3:PutBucketPolicy", "AccessDenied", statusCode: 403);
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await bed.RunForAsync();
        // Said with the action it was, then retried with backoff (the injected fault was one call).
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"),
            e => e.Type == "Warning" && e.Reason == "AccessDenied" && e.Message.Contains("s3:PutBucketPolicy on vpce-demo-bucket"));
        await ReadyAsync(bed, "reports");
        Assert.Equal(2, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task A_statement_under_our_Sid_that_we_did_not_write_is_a_conflict()
    {
        var taken = """{"Version":"2012-10-17","Statement":[{"Sid":"VpceReportsPlatform","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::vpce-demo-bucket/*"}]}""";
        var (bed, _) = await WithEndpointAsync(taken);
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await bed.RunForAsync(5);
        AssertRefused(Find(bed, "reports"), "SidConflict");
        Assert.Equal(taken, bed.Aws.World.BucketPolicy(bed.Account.BucketName));
        Assert.Null(Find(bed, "reports")!.Status!.StatementSid);
    }

    [Fact]
    public async Task Waits_for_the_referenced_endpoint_and_is_reconciled_as_soon_as_it_has_one()
    {
        await using var bed = Testbed.Start();
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await bed.RunForAsync(1);
        var waiting = Find(bed, "reports");
        Assert.Equal((ConditionStatus.False, "EndpointNotReady"), (Condition(waiting, ConditionTypes.Ready)!.Status, Condition(waiting, ConditionTypes.Ready)!.Reason));
        Assert.Equal(ConditionStatus.True, Condition(waiting, ConditionTypes.Synced)!.Status);

        bed.Apply(Testbed.Gateway());
        // Well inside the 2-minute resync: the VpcEndpoint's status change queued the policy.
        await ReadyAsync(bed, "reports", seconds: 20);
    }

    [Fact]
    public async Task A_removed_statement_is_put_back_under_Correct()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await ReadyAsync(bed, "reports");
        bed.Aws.Tamper.SetBucketPolicy(bed.Account.BucketName, Foreign);
        await bed.RunForAsync(245);

        Assert.Equal(2, Statements(bed).Count);
        var drifted = Condition(Find(bed, "reports"), ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.False, "DriftCorrected"), (drifted.Status, drifted.Reason));
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Reason == "DriftDetected");
    }

    [Fact]
    public async Task A_changed_statement_is_reported_and_left_under_Report()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.DriftPolicy = DriftPolicies.Report));
        await ReadyAsync(bed, "reports");
        var edited = JsonNode.Parse(bed.Aws.World.BucketPolicy(bed.Account.BucketName)!)!;
        edited["Statement"]![1]!["Action"] = "s3:GetObject";
        bed.Aws.Tamper.SetBucketPolicy(bed.Account.BucketName, edited.ToJsonString());
        await bed.RunForAsync(245);

        Assert.Equal("s3:GetObject", Statements(bed)[1]!["Action"]!.GetValue<string>());
        var resource = Find(bed, "reports")!;
        var drifted = Condition(resource, ConditionTypes.Drifted)!;
        Assert.Equal((ConditionStatus.True, DriftReasons.StatementChanged), (drifted.Status, drifted.Reason));
        Assert.Contains(resource.Status!.Drift, d => d.Field == "statement.Action");
        Assert.Equal(1, GaugeReader.Value(bed.Operator.Metrics.Meter, "vpce_drift", ("kind", "EndpointBucketPolicy"), ("name", "reports")));
    }

    [Fact]
    public async Task Deleting_removes_only_our_statement_and_the_policy_once_none_remains()
    {
        var (bed, _) = await WithEndpointAsync(foreignPolicy: null);
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy("reports"));
        bed.Kube.EndpointBucketPolicies.Apply(Policy("uploads"));
        await ReadyAsync(bed, "reports");
        await ReadyAsync(bed, "uploads");

        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        await bed.RunForAsync(2);
        Assert.Null(Find(bed, "reports"));
        Assert.Equal(["VpceUploadsPlatform"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()));

        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "uploads");
        await bed.RunForAsync(2);
        Assert.Null(Find(bed, "uploads"));
        Assert.Null(bed.Aws.World.BucketPolicy(bed.Account.BucketName));
        Assert.Equal(1, bed.Aws.Calls["s3:DeleteBucketPolicy"]);
    }

    [Fact]
    public async Task Deleting_keeps_foreign_statements_and_Retain_keeps_ours()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy("reports"));
        bed.Kube.EndpointBucketPolicies.Apply(Policy("kept", change: s => s.DeletionPolicy = DeletionPolicies.Retain));
        await ReadyAsync(bed, "reports");
        await ReadyAsync(bed, "kept");
        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "kept");
        await bed.RunForAsync(2);
        Assert.Equal(["ReadForAuditors", "VpceKeptPlatform"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_tampered_status_naming_a_foreign_sid_never_makes_the_operator_remove_it()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy("reports"));
        var ready = await ReadyAsync(bed, "reports");

        // Whoever may patch the status names the team's statement as ours.
        ready.Status!.StatementSid = "ReadForAuditors";
        ready.Status.OwnedStatementSids = ["ReadForAuditors", "VpceReportsPlatform"];
        await bed.Kube.EndpointBucketPolicies.PatchStatusAsync(ready, CancellationToken.None);
        // A spec change makes the operator write (and take out the statements it superseded) ...
        var changed = Find(bed, "reports")!;
        changed.Spec.Actions = ["s3:GetObject"];
        bed.Kube.EndpointBucketPolicies.Apply(changed);
        await bed.RunForAsync(5);
        Assert.Equal(["ReadForAuditors", "VpceReportsPlatform"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()).Order());
        Assert.Equal("s3:GetObject", Statements(bed).Single(s => s!["Sid"]!.GetValue<string>() == "VpceReportsPlatform")!["Action"]!.GetValue<string>());

        // ... and deletion takes out every claimed statement: the foreign one stays as it was.
        var again = Find(bed, "reports")!;
        again.Status!.StatementSid = "ReadForAuditors";
        again.Status.OwnedStatementSids = ["ReadForAuditors", "VpceReportsPlatform"];
        await bed.Kube.EndpointBucketPolicies.PatchStatusAsync(again, CancellationToken.None);
        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        await bed.RunForAsync(2);
        Assert.Null(Find(bed, "reports"));
        var left = Assert.Single(Statements(bed));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Foreign)!["Statement"]![0], left));
    }

    [Fact]
    public async Task A_bucket_another_account_owns_is_BucketOwnerMismatch_and_nothing_is_written()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        // The name was taken by another account (deleted and created again there): the operator acts in 123456789012.
        var elsewhere = bed.Aws.AddAccount("999988887777");
        elsewhere.World.CreateBucket("moved-reports", "eu-west-1");
        elsewhere.Tamper.SetBucketPolicy("moved-reports", Foreign.Replace("vpce-demo-bucket", "moved-reports"));
        var before = elsewhere.World.BucketPolicy("moved-reports");
        bed.Kube.EndpointBucketPolicies.Apply(Policy(bucket: "moved-reports"));
        await bed.RunForAsync(5);

        var resource = Find(bed, "reports");
        AssertRefused(resource, BucketPolicyReasons.BucketOwnerMismatch);
        Assert.Contains("123456789012", Condition(resource, ConditionTypes.Synced)!.Message);
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Type == "Warning" && e.Reason == BucketPolicyReasons.BucketOwnerMismatch);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
        Assert.Equal(before, elsewhere.World.BucketPolicy("moved-reports"));
    }

    [Fact]
    public async Task A_statement_sid_without_the_Vpce_prefix_is_InvalidSpec_and_nothing_is_written()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.StatementSid = "ReadForAuditors"));
        await bed.RunForAsync(5);
        var synced = Condition(Find(bed, "reports"), ConditionTypes.Synced)!;
        Assert.Equal("InvalidSpec", synced.Reason);
        Assert.Contains("spec.statementSid", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task An_invalid_spec_names_the_field_and_writes_nothing()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.Actions = ["ec2:DescribeVpcs"]));
        await bed.RunForAsync(5);
        var synced = Condition(Find(bed, "reports"), ConditionTypes.Synced)!;
        Assert.Equal("InvalidSpec", synced.Reason);
        Assert.Contains("spec.actions", synced.Message);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task An_action_S3_does_not_know_is_refused_before_S3_sees_it()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.Actions = ["s3:GetObject", "s3:GetObjekt"]));
        await bed.RunForAsync(5);
        var synced = Condition(Find(bed, "reports"), ConditionTypes.Synced)!;
        Assert.Equal((ConditionStatus.False, "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains("spec.actions[1]: \"s3:GetObjekt\" is not an action of S3", synced.Message);
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Type == "Warning" && e.Reason == "InvalidSpec");
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
    }

    private const string Auditor = "arn:aws:iam::123456789012:role/auditor";

    [Fact]
    public async Task A_foreign_statement_naming_a_deleted_role_is_kept_and_nothing_is_written()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Aws.World.DeleteIamPrincipal(Auditor);
        var shown = bed.Aws.World.BucketPolicy(bed.Account.BucketName)!;
        Assert.DoesNotContain(Auditor, shown);

        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await bed.RunForAsync(5);

        var resource = Find(bed, "reports");
        AssertRefused(resource, BucketPolicyReasons.DeletedPrincipalInPolicy);
        Assert.Contains("statement ReadForAuditors", Condition(resource, ConditionTypes.Ready)!.Message);
        Assert.Contains(bed.Kube.Events.For(Testbed.Ns, "reports"), e => e.Type == "Warning" && e.Reason == BucketPolicyReasons.DeletedPrincipalInPolicy);
        Assert.Equal(0, bed.Aws.Calls["s3:PutBucketPolicy"]);
        Assert.Equal(shown, bed.Aws.World.BucketPolicy(bed.Account.BucketName));
    }

    [Fact]
    public async Task Deletion_beside_a_deleted_role_waits_with_the_foreign_statement_kept_until_it_is_fixed()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await ReadyAsync(bed, "reports");
        bed.Aws.World.DeleteIamPrincipal(Auditor);
        var puts = bed.Aws.Calls["s3:PutBucketPolicy"];

        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        await bed.RunForAsync(30);
        var waiting = Find(bed, "reports");
        Assert.NotNull(waiting);
        Assert.Equal(BucketPolicyReasons.DeletedPrincipalInPolicy, Condition(waiting, ConditionTypes.Synced)!.Reason);
        Assert.Equal(["ReadForAuditors", "VpceReportsPlatform"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()));
        Assert.Equal(puts, bed.Aws.Calls["s3:PutBucketPolicy"]);

        // The data team names a role that exists again: the statement goes, theirs stays.
        bed.Aws.World.CreateIamRole(Auditor);
        var fixedPolicy = JsonNode.Parse(bed.Aws.World.BucketPolicy(bed.Account.BucketName)!)!;
        fixedPolicy["Statement"]![0]!["Principal"] = new JsonObject { ["AWS"] = Auditor };
        bed.Aws.Tamper.SetBucketPolicy(bed.Account.BucketName, fixedPolicy.ToJsonString());
        Assert.True(await bed.Operator.ConvergeAsync(() => Find(bed, "reports") is null, TimeSpan.FromMinutes(10)));
        Assert.Equal(["ReadForAuditors"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_lock_out_guard_is_what_keeps_the_operator_able_to_remove_its_own_statement()
    {
        var (bed, _) = await WithEndpointAsync();
        await using var __ = bed;
        bed.Kube.EndpointBucketPolicies.Apply(Policy());
        await ReadyAsync(bed, "reports");

        // The spec drops the operator's exemption. Written as asked, the statement would deny the operator (which calls S3
        // from outside the endpoint) every later call on the bucket, its own removal included: S3 spares only the root.
        bed.Kube.EndpointBucketPolicies.Apply(Policy(change: s => s.ExemptPrincipalArns = [BreakGlass]));
        await bed.RunForAsync(5);
        // S3 still answers the operator (the simulator's caller): the statement in place exempts it.
        var inPlace = await bed.Aws.S3.GetBucketPolicyAsync(bed.Account.Region, bed.Account.BucketName, null, default);
        Assert.Contains(Operator, inPlace);
        AssertRefused(Find(bed, "reports"), "WouldLockOutOperator");

        bed.Kube.EndpointBucketPolicies.Delete(Testbed.Ns, "reports");
        Assert.True(await bed.Operator.ConvergeAsync(() => Find(bed, "reports") is null, TimeSpan.FromMinutes(5)),
            $"not deleted: {Describe(Find(bed, "reports"))}");
        Assert.Equal(["ReadForAuditors"], Statements(bed).Select(s => s!["Sid"]!.GetValue<string>()));
    }
}
