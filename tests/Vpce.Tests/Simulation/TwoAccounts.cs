using Microsoft.Extensions.Time.Testing;
using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>The home account (the operator's own, 123456789012, caller: its user vpce-simulator) and a workload account
/// 222233334444 with a VPC in eu-west-1 and a role vpce-operator (path /ops/) that trusts the home account and requires the
/// External ID payments-7f3a.</summary>
internal sealed class TwoAccounts
{
    public const string Region = "eu-west-1";
    public const string S3Service = "com.amazonaws.eu-west-1.s3";
    public const string HomeId = "123456789012";
    public const string WorkloadId = "222233334444";
    public const string HomeUser = "arn:aws:iam::123456789012:user/vpce-simulator";
    public const string WorkloadRole = "arn:aws:iam::222233334444:role/ops/vpce-operator";
    public const string ExternalId = "payments-7f3a";

    public TwoAccounts(AwsSimulatorOptions? options = null)
    {
        Home = new AwsSimulator(Time, options ?? new AwsSimulatorOptions { Seed = 42 });
        Workload = Home.AddAccount(WorkloadId);
        WorkloadRoleId = Workload.World.CreateAssumableRole(WorkloadRole, [$"arn:aws:iam::{HomeId}:root"], ExternalId);
        WorkloadVpc = Workload.World.CreateVpc(Region, "10.1.0.0/16");
        WorkloadRouteTable = Workload.World.CreateRouteTable(WorkloadVpc);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public AwsSimulator Home { get; }
    public AwsSimulator Workload { get; }
    public string WorkloadRoleId { get; }
    public string WorkloadVpc { get; }
    public string WorkloadRouteTable { get; }

    public static AssumeRoleRequest Request(string roleArn = WorkloadRole, string session = "cluster-a", string? externalId = ExternalId,
        TimeSpan? duration = null, IReadOnlyDictionary<string, string>? tags = null) =>
        new(roleArn, session, externalId, tags, duration ?? TimeSpan.FromHours(1));

    /// <summary>Assumes the workload role from the home account and returns the ports acting as the session.</summary>
    public async Task<(AssumedRole Role, IAwsApis Apis)> AssumeWorkloadAsync(AssumeRoleRequest? request = null)
    {
        var role = await Home.Sts.AssumeRoleAsync(Region, request ?? Request(), default);
        return (role, Home.ActingAs(() => role.Credentials));
    }

    public CreateEndpointRequest GatewayEndpoint(string vpcId, string routeTableId, string token = "t-1") => new()
    {
        VpcId = vpcId,
        ServiceName = S3Service,
        Type = "Gateway",
        ClientToken = token,
        RouteTableIds = [routeTableId],
    };
}
