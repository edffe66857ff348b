using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Kube;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Ports.Aws;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>An endpoint in a second account through an AwsAccount, the whole operator on real adapters (OperatorControllers
/// with its AwsAccount and Namespace hosts, the resilience pipeline over the SDK as the run verb wires it): made, found and
/// deleted only in the role's account (moto gives assumed-role credentials the role's account), the account Ready with the
/// object counted, and a namespace the selector does not admit refused with nothing made.</summary>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class AccountOperatorContractTests : IClassFixture<AwsNetwork>
{
    private const string Account = "222233334444";
    private const string Role = "arn:aws:iam::222233334444:role/vpce-operator/contract";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Task<T> Until<T>(Func<Task<T?>> probe) where T : class => ContractWait.UntilAsync(probe, Patience);
    private readonly AwsNetwork _net;

    public AccountOperatorContractTests(AwsNetwork net) => _net = net;

    [OperatorContractFact]
    public async Task An_endpoint_in_the_account_of_its_AwsAccount_and_a_namespace_it_does_not_admit()
    {
        var allowed = "vpce-acct-ok-" + _net.RunId;
        var denied = "vpce-acct-no-" + _net.RunId;
        var account = "contract-" + _net.RunId;

        // The second account's network, made with the role's credentials as the operator will get them.
        var role = await _net.Apis.Sts.AssumeRoleAsync(AwsNetwork.Region,
            new AssumeRoleRequest(Role, "setup-" + _net.RunId, null, null, TimeSpan.FromHours(1)), default);
        var second = _net.Apis.ActingAs(() => role.Credentials);
        string vpcId, routeTableId;
        using (var ec2 = new AmazonEC2Client(new SessionAWSCredentials(role.Credentials.AccessKeyId, role.Credentials.SecretAccessKey,
                   role.Credentials.SessionToken), new AmazonEC2Config { ServiceURL = AwsNetwork.EndpointUrl(), AuthenticationRegion = AwsNetwork.Region }))
        {
            vpcId = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.40.0.0/16" })).Vpc.VpcId;
            routeTableId = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpcId })).RouteTable.RouteTableId;
        }

        await Kube.RealCrds.ApplyAsync();
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", allowed));
        ContractWait.Ok(await Kubectl.RunAsync(null, "label", "namespace", allowed, "contract-run=" + _net.RunId));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", denied));

        using var metrics = new OperatorMetrics();
        using var kube = KubeApis.Connect(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"));
        var aws = new ResilientAwsApis(_net.Apis, new AwsResilienceOptions(), metrics, TimeProvider.System);
        var controllers = new OperatorControllers(aws, kube, metrics, new ReconcileSettings(AwsNetwork.Region, "acct-" + _net.RunId),
            new ControllerOptions { Namespaces = [allowed, denied], ResyncInterval = TimeSpan.FromSeconds(5) }, TimeProvider.System,
            NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var run = new OperatorManager(controllers.All).RunAsync(stop.Token);
        try
        {
            ContractWait.Ok(await Kubectl.RunAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: AwsAccount
                metadata: {name: {{account}}}
                spec:
                  accountId: "{{Account}}"
                  roleArn: {{Role}}
                  namespaceSelector:
                    matchLabels: {contract-run: "{{_net.RunId}}"}
                ---
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: s3, namespace: {{allowed}}}
                spec:
                  accountRef: {name: {{account}}}
                  vpcId: {{vpcId}}
                  serviceName: s3
                  routeTableIds: [{{routeTableId}}]
                ---
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: s3, namespace: {{denied}}}
                spec:
                  accountRef: {name: {{account}}}
                  vpcId: {{vpcId}}
                  serviceName: s3
                  routeTableIds: [{{routeTableId}}]
                """, "apply", "--validate=false", "-f", "-"));

            var ready = await Until(async () => await kube.VpcEndpoints.GetAsync(allowed, "s3", default) is { } r
                && r.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true ? r : null);
            var id = ready.Status!.EndpointId!;
            Assert.Equal(Account, ready.Status.AccountId);
            var made = Assert.Single(await second.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [vpcId] }, default));
            Assert.Equal(id, made.VpcEndpointId);
            Assert.Equal([routeTableId], made.RouteTableIds);
            Assert.DoesNotContain(await _net.Apis.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery(), default),
                e => e.VpcEndpointId == id);

            var accountReady = await Until(async () => await kube.AwsAccounts.GetAsync("", account, default) is { } a
                && a.Status?.Conditions.Any(c => c.Type == ConditionTypes.Ready && c.Status == ConditionStatus.True) == true
                && a.Status.Objects == 2 ? a : null);
            Assert.Equal(AccountReasons.RoleAssumed, accountReady.Status!.Conditions.Single(c => c.Type == ConditionTypes.Ready).Reason);
            Assert.Equal(Account, accountReady.Status.AccountId);
            // From AssumeRole's answer (moto names the role without its path, as AWS does); GetCallerIdentity's ARN, which moto
            // answers as arn:aws:sts::ACCOUNT:user/moto, only gives the account checked against spec.accountId.
            Assert.Equal($"arn:aws:sts::{Account}:assumed-role/contract/vpce-operator-acct-{_net.RunId}", accountReady.Status.AssumedArn);
            Assert.True(accountReady.Status.CredentialsExpireAt > DateTimeOffset.UtcNow);
            Assert.Matches(account + @"\s+" + Account + @"\s+" + Role + @"\s+True\s+2\s+",
                ContractWait.Ok(await Kubectl.RunAsync(null, "get", "awsacct", account)));

            var refused = await Until(async () => await kube.VpcEndpoints.GetAsync(denied, "s3", default) is { } r
                && r.Status?.Conditions.Any(c => c.Type == ConditionTypes.Synced && c.Status == ConditionStatus.False) == true ? r : null);
            Assert.Equal(AccountReasons.AccountNotAllowed, refused.Status!.Conditions.Single(c => c.Type == ConditionTypes.Synced).Reason);
            Assert.Null(refused.Status.EndpointId);
            Assert.Single(await second.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [vpcId] }, default));

            // The refused object goes with nothing to undo; the account then counts one object.
            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpce", "s3", "-n", denied, "--wait=false"));
            await Until(async () => await kube.VpcEndpoints.GetAsync(denied, "s3", default) is null ? "" : null);
            await Until(async () => await kube.AwsAccounts.GetAsync("", account, default) is { Status.Objects: 1 } a ? a : null);

            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "vpce", "s3", "-n", allowed, "--wait=false"));
            await Until(async () => await kube.VpcEndpoints.GetAsync(allowed, "s3", default) is null ? "" : null);
            var deleted = Assert.Single(await second.Ec2.DescribeVpcEndpointsAsync(AwsNetwork.Region, new EndpointQuery { VpcIds = [vpcId] }, default));
            Assert.Equal(EndpointStates.Deleted, deleted.State);

            // Named by nothing now, the account goes when deleted.
            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "awsacct", account, "--wait=false"));
            await Until(async () => await kube.AwsAccounts.GetAsync("", account, default) is null ? "" : null);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await Kubectl.RunAsync(null, "delete", "awsacct", account, "--ignore-not-found", "--wait=false");
            await Kubectl.RunAsync(null, "delete", "namespace", allowed, "--wait=false");
            await Kubectl.RunAsync(null, "delete", "namespace", denied, "--wait=false");
        }
    }
}
