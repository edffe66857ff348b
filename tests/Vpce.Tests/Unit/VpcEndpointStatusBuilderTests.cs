using Vpce.Crds;
using Vpce.Operator.Diff;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class VpcEndpointStatusBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DesiredEndpoint Desired = new()
    {
        Region = "eu-west-1", VpcId = "vpc-1", ServiceName = "com.amazonaws.eu-west-1.s3", Type = "Gateway",
        RouteTableIds = ["rtb-1"], Tags = Tag.None, Additive = false, CorrectDrift = true, ClientToken = "t",
    };

    private static AwsEndpoint Endpoint(string state = EndpointStates.Available) =>
        new("vpce-1", "vpc-1", Desired.ServiceName, "Gateway", state, ["rtb-1"], [], [], [], false, null, [], Tag.None, T0);

    private static readonly FieldDifference RouteTables = new("routeTableIds", DriftReasons.RouteTablesChanged, "[rtb-1,rtb-2]", "[rtb-1]");

    private static StatusReport<VpcEndpointStatus> Build(VpcEndpointStatus? previous, EndpointSyncResult sync, long generation = 1, int minutes = 0) =>
        VpcEndpointStatusBuilder.Build(previous, generation, T0.AddMinutes(minutes), sync);

    private static Condition Get(VpcEndpointStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    private static VpcEndpointStatus ReadyStatus() =>
        Build(null, new EndpointSyncResult { Outcome = SyncOutcome.Unchanged, Desired = Desired, Endpoint = Endpoint() }).Status;

    [Fact]
    public void An_available_endpoint_that_matches_is_Ready_and_Synced_with_every_condition_in_order()
    {
        var status = ReadyStatus();
        Assert.Equal([ConditionTypes.Ready, ConditionTypes.Synced, ConditionTypes.Drifted], status.Conditions.Select(c => c.Type));
        Assert.Equal((ConditionStatus.True, ReadyReasons.Available), (Get(status, ConditionTypes.Ready).Status, Get(status, ConditionTypes.Ready).Reason));
        Assert.Equal("vpce-1", status.EndpointId);
        Assert.Equal(("eu-west-1", "vpc-1", "Gateway"), (status.Region, status.VpcId, status.Type));
        Assert.Equal(1, status.ObservedGeneration);
        Assert.Equal(T0, status.LastSyncTime);
    }

    [Fact]
    public void The_previous_status_is_never_changed()
    {
        var previous = ReadyStatus();
        var before = System.Text.Json.JsonSerializer.Serialize(previous);
        Build(previous, new EndpointSyncResult { Outcome = SyncOutcome.Refused, Refusal = new(ReadyReasons.InvalidSpec, "spec.vpcId: bad") }, generation: 2, minutes: 1);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(previous));
    }

    [Fact]
    public void A_refusal_warns_once_and_the_same_refusal_again_is_not_news()
    {
        var refused = new EndpointSyncResult { Outcome = SyncOutcome.Refused, Refusal = new(ReadyReasons.InvalidSpec, "spec.tags: 60 tags") };
        var first = Build(null, refused);
        Assert.Equal((ConditionStatus.False, ReadyReasons.InvalidSpec), (Get(first.Status, ConditionTypes.Synced).Status, Get(first.Status, ConditionTypes.Synced).Reason));
        Assert.Equal(ConditionStatus.False, Get(first.Status, ConditionTypes.Ready).Status);
        Assert.Contains(first.Events, e => e.Type == "Warning" && e.Reason == ReadyReasons.InvalidSpec);
        Assert.Null(first.Status.LastSyncTime);

        var again = Build(first.Status, refused, minutes: 2);
        Assert.DoesNotContain(again.Events, e => e.Type == "Warning");
    }

    [Fact]
    public void A_refusal_that_keeps_Ready_leaves_a_ready_endpoint_ready()
    {
        var report = Build(ReadyStatus(), new EndpointSyncResult
        {
            Outcome = SyncOutcome.Refused, Refusal = new(ReadyReasons.ImmutableFieldChanged, "serviceName ...", KeepReady: true),
        }, generation: 2);
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);
        Assert.Equal(ReadyReasons.ImmutableFieldChanged, Get(report.Status, ConditionTypes.Synced).Reason);
    }

    [Fact]
    public void An_AWS_failure_keeps_Ready_and_says_why_in_Synced()
    {
        var report = Build(ReadyStatus(), new EndpointSyncResult
        {
            Outcome = SyncOutcome.AwsFailed, Error = new AwsApiException(AwsErrorCodes.RequestLimitExceeded, "slow down", 503),
        }, minutes: 2);
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Ready).Status);
        Assert.Equal((ConditionStatus.False, ReadyReasons.Throttled), (Get(report.Status, ConditionTypes.Synced).Status, Get(report.Status, ConditionTypes.Synced).Reason));
        Assert.Equal(T0, report.Status.LastSyncTime);
    }

    [Fact]
    public void Drift_found_on_an_unchanged_spec_is_counted_once_and_keeps_when_it_was_first_seen()
    {
        var reported = new EndpointSyncResult
        {
            Outcome = SyncOutcome.Reported, Desired = Desired, Endpoint = Endpoint(), Differences = [RouteTables],
            Plan = ["ModifyVpcEndpoint vpce-1: add route tables [rtb-2]"],
        };
        var first = Build(ReadyStatus(), reported, minutes: 2);
        Assert.Equal([DriftReasons.RouteTablesChanged], first.DriftDetectedReasons);
        Assert.Equal((ConditionStatus.True, DriftReasons.RouteTablesChanged), (Get(first.Status, ConditionTypes.Drifted).Status, Get(first.Status, ConditionTypes.Drifted).Reason));
        Assert.Equal((ConditionStatus.False, ReadyReasons.DriftReported), (Get(first.Status, ConditionTypes.Ready).Status, Get(first.Status, ConditionTypes.Ready).Reason));
        Assert.Equal(reported.Plan, first.Status.PlannedChanges);
        Assert.Equal(T0.AddMinutes(2), Assert.Single(first.Status.Drift).DetectedAt);

        var second = Build(first.Status, reported, minutes: 4);
        Assert.Empty(second.DriftDetectedReasons);
        Assert.DoesNotContain(second.Events, e => e.Reason == "DriftDetected");
        Assert.Equal(T0.AddMinutes(2), Assert.Single(second.Status.Drift).DetectedAt);
    }

    [Fact]
    public void A_spec_change_applied_is_an_update_not_drift()
    {
        var report = Build(ReadyStatus(), new EndpointSyncResult
        {
            Outcome = SyncOutcome.Corrected, Desired = Desired, Endpoint = Endpoint(), Differences = [RouteTables],
        }, generation: 2);
        Assert.Empty(report.DriftDetectedReasons);
        Assert.False(report.DriftCorrected);
        Assert.Contains(report.Events, e => e.Reason == "Updated");
        Assert.Equal(ReadyReasons.NoDrift, Get(report.Status, ConditionTypes.Drifted).Reason);
    }

    [Fact]
    public void Drift_corrected_is_counted_and_stays_said_until_new_drift()
    {
        var corrected = Build(ReadyStatus(), new EndpointSyncResult
        {
            Outcome = SyncOutcome.Corrected, Desired = Desired, Endpoint = Endpoint(), Differences = [RouteTables],
        }, minutes: 2);
        Assert.True(corrected.DriftCorrected);
        Assert.Equal([DriftReasons.RouteTablesChanged], corrected.DriftDetectedReasons);
        Assert.Equal((ConditionStatus.False, ReadyReasons.DriftCorrected), (Get(corrected.Status, ConditionTypes.Drifted).Status, Get(corrected.Status, ConditionTypes.Drifted).Reason));

        var later = Build(corrected.Status, new EndpointSyncResult { Outcome = SyncOutcome.Unchanged, Desired = Desired, Endpoint = Endpoint() }, minutes: 4);
        Assert.Equal(ReadyReasons.DriftCorrected, Get(later.Status, ConditionTypes.Drifted).Reason);
        Assert.True(Get(later.Status, ConditionTypes.Ready).Status == ConditionStatus.True);
    }

    [Fact]
    public void A_deleted_endpoint_under_Report_is_reported_not_ready_and_keeps_its_id()
    {
        var report = Build(ReadyStatus(), new EndpointSyncResult
        {
            Outcome = SyncOutcome.ReportedMissing, Desired = Desired,
            Differences = [new("endpointId", DriftReasons.EndpointDeleted, "vpce-1", "deleted")], Plan = ["CreateVpcEndpoint ..."],
        }, minutes: 2);
        Assert.Equal((ConditionStatus.False, ReadyReasons.EndpointDeleted), (Get(report.Status, ConditionTypes.Ready).Status, Get(report.Status, ConditionTypes.Ready).Reason));
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Drifted).Status);
        Assert.Equal([DriftReasons.EndpointDeleted], report.DriftDetectedReasons);
        Assert.Equal("vpce-1", report.Status.EndpointId);
    }

    [Theory]
    [InlineData(EndpointStates.Pending, ReadyReasons.Pending)]
    [InlineData(EndpointStates.PendingAcceptance, ReadyReasons.PendingAcceptance)]
    [InlineData(EndpointStates.Rejected, ReadyReasons.Rejected)]
    [InlineData(EndpointStates.Failed, ReadyReasons.Failed)]
    [InlineData(EndpointStates.Deleting, ReadyReasons.EndpointDeleted)]
    public void Ready_follows_the_endpoints_state(string state, string reason)
    {
        var report = Build(null, new EndpointSyncResult { Outcome = SyncOutcome.Unchanged, Desired = Desired, Endpoint = Endpoint(state) });
        Assert.Equal((ConditionStatus.False, reason), (Get(report.Status, ConditionTypes.Ready).Status, Get(report.Status, ConditionTypes.Ready).Reason));
        Assert.Equal(state, report.Status.State);
    }

    [Fact]
    public void Interface_checks_say_what_is_off()
    {
        var desired = Desired with { Type = "Interface", ServiceName = "com.amazonaws.eu-west-1.ssm", RouteTableIds = [], SubnetIds = ["subnet-1"], SecurityGroupIds = ["sg-1"], PrivateDnsEnabled = true };
        var vpc = new AwsVpc("vpc-1", "10.0.0.0/16", ["10.0.0.0/16"], Tag.None);
        var reading = new EndpointReading
        {
            VpcDns = new VpcDnsAttributes(true, false),
            EndpointSecurityGroups = [new AwsSecurityGroup("sg-1", "endpoints", "vpc-1", [], Tag.None)],
        };
        var report = Build(null, new EndpointSyncResult
        {
            Outcome = SyncOutcome.Unchanged, Desired = desired, Vpc = vpc, Reading = reading,
            NetworkPath = NetworkPathChecks.Evaluate(desired, vpc, reading, null),
        });
        var dns = Get(report.Status, ConditionTypes.DnsSupported);
        Assert.Equal((ConditionStatus.False, "VpcDnsDisabled"), (dns.Status, dns.Reason));
        Assert.Contains("enableDnsHostnames", dns.Message);
        Assert.Equal((ConditionStatus.False, "HttpsBlocked"), (Get(report.Status, ConditionTypes.HttpsAllowed).Status, Get(report.Status, ConditionTypes.HttpsAllowed).Reason));
        Assert.Equal(2, report.Events.Count(e => e.Type == "Warning"));
    }

    [Fact]
    public void A_deletion_in_progress_is_synced_and_not_ready()
    {
        var report = VpcEndpointStatusBuilder.Deleting(ReadyStatus(), 1, T0.AddMinutes(1), new DeletionProgress { DeletingId = "vpce-1", Endpoint = Endpoint(EndpointStates.Deleting) });
        Assert.Equal((ConditionStatus.False, ReadyReasons.Deleting), (Get(report.Status, ConditionTypes.Ready).Status, Get(report.Status, ConditionTypes.Ready).Reason));
        Assert.Equal(ConditionStatus.True, Get(report.Status, ConditionTypes.Synced).Status);
        Assert.Equal(EndpointStates.Deleting, report.Status.State);
    }
}
