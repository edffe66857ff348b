using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Vpce.Crds;
using Vpce.Crds.Schema;
using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;
using Vpce.Operator.Kube;
using Vpce.Operator.Model;
using Vpce.Operator.Observability;
using Vpce.Operator.Runtime;
using Vpce.Tests.Contract.Aws;
using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>EndpointBucketPolicy as a user meets it, both controllers on real adapters: a bucket with a foreign statement
/// gets ours beside it, the other region's bucket and a missing exemption are refused and left untouched, deleting the
/// object takes only our statement away, and kubectl shows the columns.</summary>
public sealed class BucketPolicyContractTests : IClassFixture<AwsNetwork>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Task<T> Until<T>(Func<Task<T?>> probe) where T : class => ContractWait.UntilAsync(probe, Patience);
    private readonly AwsNetwork _net;

    public BucketPolicyContractTests(AwsNetwork net) => _net = net;

    [OperatorContractFact]
    public async Task A_statement_beside_a_foreign_one_the_safety_rules_and_deletion_through_kubectl()
    {
        var ns = "vpce-ebp-" + _net.RunId;
        var bucket = "ebp-west-" + _net.RunId;
        var eastBucket = "ebp-east-" + _net.RunId;
        var url = Environment.GetEnvironmentVariable(AwsContractFactAttribute.Variable)!;
        var foreign = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"ReadForAuditors","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = AwsNetwork.Region }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, BucketRegion = S3Region.EUWest1 });
            await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = foreign });
        }
        using (var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = eastBucket, BucketRegion = S3Region.USEast1 });
        }
        var caller = PrincipalArns.ForCaller((await _net.Apis.Sts.GetCallerIdentityAsync(AwsNetwork.Region, default)).Arn);

        ContractWait.Ok(await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "wait", "--for", "condition=established", "--timeout=30s", "crd/endpointbucketpolicies.vpce.io"));
        ContractWait.Ok(await Kubectl.RunAsync(null, "create", "namespace", ns));

        using var metrics = new OperatorMetrics();
        using var kube = KubeApis.Connect(Environment.GetEnvironmentVariable("VPCE_TEST_KUBECONFIG"));
        var aws = new ResilientAwsApis(_net.Apis, new AwsResilienceOptions(), metrics, TimeProvider.System);
        var controllers = new OperatorControllers(aws, kube, metrics, new ReconcileSettings(AwsNetwork.Region, "ebp-" + _net.RunId),
            new ControllerOptions { Namespaces = [ns], ResyncInterval = TimeSpan.FromSeconds(5) }, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var run = new OperatorManager(controllers.All).RunAsync(stop.Token);
        try
        {
            ContractWait.Ok(await Kubectl.RunAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: s3, namespace: {{ns}}}
                spec:
                  vpcId: {{_net.VpcId}}
                  serviceName: s3
                  routeTableIds: [{{_net.RouteTableIds[0]}}]
                ---
                apiVersion: vpce.io/v1alpha1
                kind: EndpointBucketPolicy
                metadata: {name: reports, namespace: {{ns}}}
                spec:
                  bucket: {{bucket}}
                  vpcEndpointRef: {name: s3}
                  exemptPrincipalArns: [{{caller}}]
                ---
                apiVersion: vpce.io/v1alpha1
                kind: EndpointBucketPolicy
                metadata: {name: elsewhere, namespace: {{ns}}}
                spec:
                  bucket: {{eastBucket}}
                  vpcEndpointRef: {name: s3}
                  exemptPrincipalArns: [{{caller}}]
                ---
                apiVersion: vpce.io/v1alpha1
                kind: EndpointBucketPolicy
                metadata: {name: lockout, namespace: {{ns}}}
                spec:
                  bucket: {{bucket}}
                  vpcEndpointRef: {name: s3}
                  exemptPrincipalArns: [arn:aws:iam::123456789012:role/break-glass]
                """, "apply", "-f", "-"));

            var ready = await Until(async () => await kube.EndpointBucketPolicies.GetAsync(ns, "reports", default) is { } r && IsTrue(r, "Ready") ? r : null);
            var endpointId = (await kube.VpcEndpoints.GetAsync(ns, "s3", default))!.Status!.EndpointId!;
            var statements = Statements(await _net.Apis.S3.GetBucketPolicyAsync(AwsNetwork.Region, bucket, null, default));
            Assert.Equal(["ReadForAuditors", ready.Status!.StatementSid!], statements.Select(s => s!["Sid"]!.GetValue<string>()));
            Assert.Contains(endpointId, statements[1]!["Condition"]!["StringNotEquals"]!["aws:SourceVpce"]!.ToJsonString());

            var elsewhere = await Until(async () => await kube.EndpointBucketPolicies.GetAsync(ns, "elsewhere", default) is { } r && Reason(r) == "RegionMismatch" ? r : null);
            Assert.Equal("us-east-1", elsewhere.Status!.BucketRegion);
            Assert.Null(await _net.Apis.S3.GetBucketPolicyAsync("us-east-1", eastBucket, null, default));
            await Until(async () => await kube.EndpointBucketPolicies.GetAsync(ns, "lockout", default) is { } r && Reason(r) == "WouldLockOutOperator" ? r : null);
            Assert.Equal(2, Statements(await _net.Apis.S3.GetBucketPolicyAsync(AwsNetwork.Region, bucket, null, default)).Count);

            var columns = ContractWait.Ok(await Kubectl.RunAsync(null, "get", "ebp", "-n", ns));
            Assert.Matches(@"NAME\s+BUCKET\s+ENDPOINTS\s+READY\s+DRIFTED\s+AGE", columns);
            Assert.Matches($@"reports\s+{bucket}\s+\[""{endpointId}""\]\s+True\s+False", columns);

            ContractWait.Ok(await Kubectl.RunAsync(null, "delete", "ebp", "reports", "lockout", "elsewhere", "-n", ns, "--wait=false"));
            await Until(async () => await kube.EndpointBucketPolicies.GetAsync(ns, "reports", default) is null ? "" : null);
            var left = Statements(await _net.Apis.S3.GetBucketPolicyAsync(AwsNetwork.Region, bucket, null, default));
            Assert.Equal(["ReadForAuditors"], left.Select(s => s!["Sid"]!.GetValue<string>()));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await Kubectl.RunAsync(null, "delete", "namespace", ns, "--wait=false");
        }
    }

    private static bool IsTrue(EndpointBucketPolicy r, string type) => r.Status?.Conditions.Any(c => c.Type == type && c.Status == "True") == true;

    private static string? Reason(EndpointBucketPolicy r) => r.Status?.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Reason;

    private static JsonArray Statements(string? policy) => JsonNode.Parse(policy!)!["Statement"]!.AsArray();
}
