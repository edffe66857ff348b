using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class EndpointBucketPolicyStatusBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static StatusReport<EndpointBucketPolicyStatus> Build(EndpointBucketPolicyStatus? previous, BucketPolicySyncResult sync, long generation = 1, int minutes = 0) =>
        EndpointBucketPolicyStatusBuilder.Build(previous, generation, T0.AddMinutes(minutes), sync);

    private static Condition Get(EndpointBucketPolicyStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    private static readonly BucketPolicySyncResult Written = new()
    {
        Outcome = SyncOutcome.Created, Bucket = "reports", BucketRegion = "eu-west-1", StatementSid = "VpceReportsPlatform", EndpointIds = ["vpce-1"],
    };

    [Fact]
    public void A_written_statement_is_Ready_with_its_sid_endpoints_and_region()
    {
        var status = Build(null, Written).Status;
        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted], status.Conditions.Select(c => c.Type));
        Assert.Equal((ConditionStatus.True, ReadyReasons.StatementInPlace), (Get(status, ConditionTypes.Ready).Status, Get(status, ConditionTypes.Ready).Reason));
        Assert.Equal(("VpceReportsPlatform", "eu-west-1"), (status.StatementSid, status.BucketRegion));
        Assert.Equal(["vpce-1"], status.EndpointIds);
        Assert.Equal(T0, status.LastSyncTime);
    }

    [Theory]
    [InlineData(BucketPolicyReasons.RegionMismatch)]
    [InlineData(BucketPolicyReasons.WouldLockOutOperator)]
    [InlineData(BucketPolicyReasons.PolicyTooLarge)]
    [InlineData(BucketPolicyReasons.SidConflict)]
    [InlineData("BucketNotFound")]
    public void Each_safety_rule_is_Ready_False_and_Synced_False_with_one_warning(string reason)
    {
        var report = Build(null, new BucketPolicySyncResult { Outcome = SyncOutcome.Refused, Refusal = new(reason, "why"), Bucket = "reports" });
        Assert.Equal((ConditionStatus.False, reason), (Get(report.Status, ConditionTypes.Ready).Status, Get(report.Status, ConditionTypes.Ready).Reason));
        Assert.Equal((ConditionStatus.False, reason), (Get(report.Status, ConditionTypes.Synced).Status, Get(report.Status, ConditionTypes.Synced).Reason));
        Assert.Single(report.Events, e => e.Type == "Warning" && e.Reason == reason);
        Assert.Null(report.Status.StatementSid);
    }

    [Fact]
    public void Waiting_for_the_endpoint_is_not_an_error()
    {
        var report = Build(null, new BucketPolicySyncResult { Outcome = SyncOutcome.Waiting, WaitingFor = "spec.vpcEndpointRef: VpcEndpoint platform/s3 has no endpoint on AWS yet" });
        Assert.Equal((ConditionStatus.False, "EndpointNotReady"), (Get(report.Status, ConditionTypes.Ready).Status, Get(report.Status, ConditionTypes.Ready).Reason));
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Synced).Status);
        Assert.DoesNotContain(report.Events, e => e.Type == "Warning");
    }

    [Fact]
    public void A_removed_statement_under_Report_is_drift_counted_once()
    {
        var removed = new BucketPolicySyncResult
        {
            Outcome = SyncOutcome.Reported, Bucket = "reports",
            Differences = [new("statement", DriftReasons.StatementRemoved, "a statement with Sid VpceReportsPlatform", "absent")],
        };
        var first = Build(Build(null, Written).Status, removed, minutes: 2);
        Assert.Equal([DriftReasons.StatementRemoved], first.DriftDetectedReasons);
        Assert.Equal((ConditionStatus.True, DriftReasons.StatementRemoved), (Get(first.Status, ConditionTypes.Drifted).Status, Get(first.Status, ConditionTypes.Drifted).Reason));
        Assert.Equal(ReadyReasons.DriftReported, Get(first.Status, ConditionTypes.Ready).Reason);
        Assert.Equal("VpceReportsPlatform", first.Status.StatementSid);
        Assert.Empty(Build(first.Status, removed, minutes: 4).DriftDetectedReasons);
    }

    [Fact]
    public void A_statement_put_back_is_drift_corrected()
    {
        var report = Build(Build(null, Written).Status, Written with
        {
            Outcome = SyncOutcome.Corrected,
            Differences = [new("statement.Action", DriftReasons.StatementChanged, "[\"s3:*\"]", "\"s3:GetObject\"")],
        }, minutes: 2);
        Assert.True(report.DriftCorrected);
        Assert.Equal(ReadyReasons.DriftCorrected, Get(report.Status, ConditionTypes.Drifted).Reason);
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);
    }

    [Fact]
    public void Access_denied_keeps_a_ready_statement_ready()
    {
        var report = Build(Build(null, Written).Status, new BucketPolicySyncResult
        {
            Outcome = SyncOutcome.AwsFailed, Error = new AwsApiException("AccessDenied", "s3:GetBucketPolicy on reports: denied", 403),
        }, minutes: 2);
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);
        Assert.Equal((ConditionStatus.False, ReadyReasons.AccessDenied), (Get(report.Status, ConditionTypes.Synced).Status, Get(report.Status, ConditionTypes.Synced).Reason));
        Assert.Contains("s3:GetBucketPolicy", Get(report.Status, ConditionTypes.Synced).Message);
    }
}
