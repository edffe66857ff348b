using Vpce.Crds;
using Vpce.Operator.Export;
using Vpce.Operator.Model;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit;

/// <summary>The status builder's share of the advisory checks and the export: CompanionsPresent, PolicyLint with one Warning
/// per new finding, Exported and status.exportedConfigMap.</summary>
public sealed class AdvisoryConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DesiredEndpoint Ssm = new()
    {
        Region = "eu-west-1", VpcId = "vpc-1", ServiceName = "com.amazonaws.eu-west-1.ssm", Type = EndpointTypes.Interface,
        SubnetIds = ["subnet-1"], Tags = Tag.None, Additive = false, CorrectDrift = true, ClientToken = "t",
    };

    private static readonly AwsEndpoint Endpoint =
        new("vpce-1", "vpc-1", Ssm.ServiceName, EndpointTypes.Interface, EndpointStates.Available, [], ["subnet-1"], [], [], true, null, [], Tag.None, T0);

    private static readonly PolicyFinding Elsewhere = new(PolicyFindingReasons.BucketInOtherRegion, "statement 1 allows bucket b, which is in us-east-1: …");
    private static readonly PolicyFinding Ignored = new(PolicyFindingReasons.PolicyIgnored, "x does not support endpoint policies: …");

    private static StatusReport<VpcEndpointStatus> Build(VpcEndpointStatus? previous, AdvisoryFindings? advice, ExportResult? export = null, int minutes = 0) =>
        VpcEndpointStatusBuilder.Build(previous, 1, T0.AddMinutes(minutes),
            new EndpointSyncResult { Outcome = SyncOutcome.Unchanged, Desired = Ssm, Endpoint = Endpoint, Advice = advice, Export = export });

    private static Condition? Get(VpcEndpointStatus status, string type) => status.Conditions.SingleOrDefault(c => c.Type == type);

    private static CompanionReport SessionManager(params string[] missing) => new(CompanionSets.SessionManager,
        CompanionSets.SessionManager.Members.Where(m => !missing.Contains(m.ShortName)).Select((m, i) => (m, $"vpce-{i + 1}")).ToList(),
        CompanionSets.SessionManager.Members.Where(m => missing.Contains(m.ShortName)).ToList());

    [Fact]
    public void Companions_missing_say_which_warn_once_and_come_after_the_other_checks()
    {
        var first = Build(null, new AdvisoryFindings([SessionManager("ec2messages")], null));
        var condition = Get(first.Status, ConditionTypes.CompanionsPresent)!;
        Assert.Equal((ConditionStatus.False, CompanionConditions.Missing), (condition.Status, condition.Reason));
        Assert.Equal("Session Manager needs ssm, ssmmessages and ec2messages in vpc-1: ec2messages is missing (ssm (vpce-1) and ssmmessages (vpce-2) are there)",
            condition.Message);
        Assert.Single(first.Events, e => e.Type == EventTypes.Warning && e.Reason == CompanionConditions.Missing);

        var again = Build(first.Status, new AdvisoryFindings([SessionManager("ec2messages")], null), minutes: 2);
        Assert.DoesNotContain(again.Events, e => e.Reason == CompanionConditions.Missing);

        var complete = Build(again.Status, new AdvisoryFindings([SessionManager()], null), minutes: 4);
        Assert.Equal((ConditionStatus.True, "Session Manager: ssm (vpce-1), ssmmessages (vpce-2) and ec2messages (vpce-3) are all in vpc-1"),
            (Get(complete.Status, ConditionTypes.CompanionsPresent)!.Status, Get(complete.Status, ConditionTypes.CompanionsPresent)!.Message));
        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted, ConditionTypes.CompanionsPresent, ConditionTypes.PolicyLint],
            complete.Status.Conditions.Select(c => c.Type));
    }

    [Fact]
    public void Companions_warn_again_with_the_new_message_when_the_missing_ones_change_and_never_on_a_resync()
    {
        var both = Build(null, new AdvisoryFindings([SessionManager("ssmmessages", "ec2messages")], null));
        var first = Assert.Single(both.Events, e => e.Type == EventTypes.Warning);
        Assert.Contains("ssmmessages and ec2messages are missing", first.Message);

        var one = Build(both.Status, new AdvisoryFindings([SessionManager("ec2messages")], null), minutes: 2);
        var second = Assert.Single(one.Events, e => e.Type == EventTypes.Warning);
        Assert.Equal((CompanionConditions.Missing, Get(one.Status, ConditionTypes.CompanionsPresent)!.Message), (second.Reason, second.Message));
        Assert.Contains("ec2messages is missing", second.Message);

        var resync = Build(one.Status, new AdvisoryFindings([SessionManager("ec2messages")], null), minutes: 4);
        Assert.DoesNotContain(resync.Events, e => e.Type == EventTypes.Warning);

        var again = Build(resync.Status, new AdvisoryFindings([SessionManager("ssmmessages", "ec2messages")], null), minutes: 6);
        Assert.Contains("ssmmessages and ec2messages are missing", Assert.Single(again.Events, e => e.Type == EventTypes.Warning).Message);
    }

    [Fact]
    public void Unknown_companions_keep_the_condition_and_a_service_outside_every_set_has_none()
    {
        var missing = Build(null, new AdvisoryFindings([SessionManager("ec2messages")], null)).Status;
        Assert.Equal(ConditionStatus.False, Get(Build(missing, new AdvisoryFindings(null, null), minutes: 2).Status, ConditionTypes.CompanionsPresent)!.Status);
        Assert.Null(Get(Build(missing, new AdvisoryFindings([], null), minutes: 2).Status, ConditionTypes.CompanionsPresent));
        Assert.Equal(ConditionStatus.False, Get(Build(missing, advice: null, minutes: 2).Status, ConditionTypes.CompanionsPresent)!.Status);
    }

    [Fact]
    public void Each_policy_finding_warns_once_when_it_appears()
    {
        var first = Build(null, new AdvisoryFindings([], [Elsewhere]));
        var lint = Get(first.Status, ConditionTypes.PolicyLint)!;
        Assert.Equal((ConditionStatus.False, PolicyFindingReasons.BucketInOtherRegion), (lint.Status, lint.Reason));
        Assert.StartsWith("spec.policyDocument: 1 finding (applied as written): statement 1 allows bucket b", lint.Message);
        Assert.Equal([Elsewhere.Message], first.Status.PolicyFindings);
        Assert.Single(first.Events, e => e.Type == EventTypes.Warning && e.Reason == PolicyFindingReasons.BucketInOtherRegion);

        var second = Build(first.Status, new AdvisoryFindings([], [Elsewhere, Ignored]), minutes: 2);
        Assert.Equal([PolicyFindingReasons.PolicyIgnored], second.Events.Where(e => e.Type == EventTypes.Warning).Select(e => e.Reason));
        Assert.Contains("2 findings", Get(second.Status, ConditionTypes.PolicyLint)!.Message);

        var steady = Build(second.Status, new AdvisoryFindings([], [Elsewhere, Ignored]), minutes: 4);
        Assert.DoesNotContain(steady.Events, e => e.Type == EventTypes.Warning);
        Assert.True(steady.Unchanged);
    }

    [Fact]
    public void A_clean_policy_and_no_policy_are_both_true()
    {
        var findings = Build(null, new AdvisoryFindings([], [Elsewhere])).Status;
        var clean = Build(findings, new AdvisoryFindings([], []), minutes: 2).Status;
        Assert.Equal((ConditionStatus.True, PolicyFindingReasons.NoFindings), (Get(clean, ConditionTypes.PolicyLint)!.Status, Get(clean, ConditionTypes.PolicyLint)!.Reason));
        Assert.Empty(clean.PolicyFindings);
        var none = Build(findings, new AdvisoryFindings([], null), minutes: 2).Status;
        Assert.Equal(PolicyFindingReasons.NoPolicyDocument, Get(none, ConditionTypes.PolicyLint)!.Reason);
    }

    [Fact]
    public void Export_records_the_configmap_warns_when_it_cannot_and_goes_when_export_is_off()
    {
        var written = Build(null, null, new ExportResult(true, ExportReasons.ConfigMapWritten, "ConfigMap hints has …", "hints")
            { Notes = [new(EventTypes.Normal, "ConfigMapWritten", "wrote ConfigMap hints: …")] });
        Assert.Equal("hints", written.Status.ExportedConfigMap);
        Assert.Equal(ConditionStatus.True, Get(written.Status, ConditionTypes.Exported)!.Status);
        Assert.Contains(written.Events, e => e.Reason == "ConfigMapWritten");

        var notOwned = Build(written.Status, null, new ExportResult(false, ExportReasons.ConfigMapNotOwned, "spec.export.configMapName: …", null), minutes: 2);
        Assert.Null(notOwned.Status.ExportedConfigMap);
        Assert.Single(notOwned.Events, e => e.Type == EventTypes.Warning && e.Reason == ExportReasons.ConfigMapNotOwned);

        var off = Build(notOwned.Status, null, new ExportResult(null, "", "", null), minutes: 4);
        Assert.Null(Get(off.Status, ConditionTypes.Exported));

        var skipped = Build(written.Status, null, export: null, minutes: 4);
        Assert.Equal("hints", skipped.Status.ExportedConfigMap);
    }
}
