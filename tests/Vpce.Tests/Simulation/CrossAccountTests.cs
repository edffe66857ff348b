using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>Credentials from STS act in the role's account, as the role, until they expire; each account has its own
/// resources, calls, faults and throttling; S3 bucket names are one namespace.</summary>
public sealed class CrossAccountTests
{
    private readonly TwoAccounts _aws = new();

    private static string Policy(string bucket, string sid = "Read") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";

    [Fact]
    public async Task The_session_is_the_role_in_the_role_account()
    {
        var (role, inWorkload) = await _aws.AssumeWorkloadAsync();

        var identity = await inWorkload.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default);

        Assert.Equal(new CallerIdentity(TwoAccounts.WorkloadId, role.AssumedRoleArn, role.AssumedRoleId), identity);
        Assert.Equal(1, _aws.Workload.Calls["sts:GetCallerIdentity"]);
        Assert.Equal(0, _aws.Home.Calls["sts:GetCallerIdentity"]);
        Assert.Equal(TwoAccounts.HomeId, (await _aws.Home.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default)).Account);
    }

    [Fact]
    public async Task An_endpoint_made_with_the_session_is_in_the_role_account_only()
    {
        var (_, inWorkload) = await _aws.AssumeWorkloadAsync();

        var endpoint = await inWorkload.Ec2.CreateVpcEndpointAsync(TwoAccounts.Region, _aws.GatewayEndpoint(_aws.WorkloadVpc, _aws.WorkloadRouteTable), default);

        Assert.NotNull(_aws.Workload.World.FindEndpoint(endpoint.VpcEndpointId));
        Assert.Null(_aws.Home.World.FindEndpoint(endpoint.VpcEndpointId));
        Assert.Single(await inWorkload.Ec2.DescribeVpcEndpointsAsync(TwoAccounts.Region, new EndpointQuery(), default));
        Assert.Empty(await _aws.Home.Ec2.DescribeVpcEndpointsAsync(TwoAccounts.Region, new EndpointQuery(), default));
        var byId = await Assert.ThrowsAsync<AwsApiException>(() =>
            _aws.Home.Ec2.DescribeVpcEndpointsAsync(TwoAccounts.Region, new EndpointQuery { EndpointIds = [endpoint.VpcEndpointId] }, default));
        Assert.Equal("InvalidVpcEndpointId.NotFound", byId.Code);
        // The home account's own identity cannot reach the workload VPC.
        var elsewhere = await Assert.ThrowsAsync<AwsApiException>(() =>
            _aws.Home.Ec2.CreateVpcEndpointAsync(TwoAccounts.Region, _aws.GatewayEndpoint(_aws.WorkloadVpc, _aws.WorkloadRouteTable, "t-2"), default));
        Assert.Equal(AwsErrorCodes.InvalidVpcIdNotFound, elsewhere.Code);

        Assert.Equal(1, _aws.Workload.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(1, _aws.Home.Calls["ec2:CreateVpcEndpoint"]);
        Assert.Equal(1, _aws.Workload.Calls["ec2:DescribeVpcEndpoints"]);
        Assert.Equal(2, _aws.Home.Calls["ec2:DescribeVpcEndpoints"]);

        var failures = await inWorkload.Ec2.DeleteVpcEndpointsAsync(TwoAccounts.Region, [endpoint.VpcEndpointId], default);
        Assert.Empty(failures);
        Assert.Equal(EndpointStates.Deleting, _aws.Workload.World.FindEndpoint(endpoint.VpcEndpointId)!.State);
    }

    [Fact]
    public async Task ExpectedBucketOwner_of_another_account_is_a_bare_403_AccessDenied_and_writes_nothing()
    {
        const string bucket = "workload-data";
        _aws.Workload.World.CreateBucket(bucket, TwoAccounts.Region);
        var (_, inWorkload) = await _aws.AssumeWorkloadAsync();

        // The owner named: every call answers as without the condition.
        await inWorkload.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Policy(bucket), TwoAccounts.WorkloadId, default);
        Assert.Equal(Policy(bucket), await inWorkload.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, TwoAccounts.WorkloadId, default));
        Assert.Equal(TwoAccounts.Region, await inWorkload.S3.GetBucketRegionAsync(bucket, TwoAccounts.WorkloadId, default));

        // Another account named, by the owner's own role too: 403 AccessDenied with S3's bare message, nothing changed.
        foreach (var call in new Func<Task>[]
                 {
                     () => inWorkload.S3.GetBucketRegionAsync(bucket, TwoAccounts.HomeId, default),
                     () => inWorkload.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, TwoAccounts.HomeId, default),
                     () => inWorkload.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Policy(bucket, "Other"), TwoAccounts.HomeId, default),
                     () => inWorkload.S3.DeleteBucketPolicyAsync(TwoAccounts.Region, bucket, TwoAccounts.HomeId, default),
                 })
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(call);
            Assert.Equal((AwsErrorCodes.AccessDenied, 403, "AccessDenied: Access Denied"), (error.Code, error.StatusCode, error.Message));
        }
        Assert.Equal(Policy(bucket), _aws.Workload.World.BucketPolicy(bucket));
    }

    [Fact]
    public async Task A_bucket_policy_is_written_by_the_owner_account_role_and_refused_from_another_account()
    {
        const string bucket = "workload-data";
        _aws.Workload.World.CreateBucket(bucket, TwoAccounts.Region);
        var (_, inWorkload) = await _aws.AssumeWorkloadAsync();

        await inWorkload.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Policy(bucket), null, default);
        Assert.Equal(Policy(bucket), _aws.Workload.World.BucketPolicy(bucket));
        Assert.Equal(Policy(bucket), await inWorkload.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, null, default));

        foreach (var call in new Func<Task>[]
                 {
                     () => _aws.Home.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Policy(bucket, "Other"), null, default),
                     () => _aws.Home.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, null, default),
                     () => _aws.Home.S3.DeleteBucketPolicyAsync(TwoAccounts.Region, bucket, null, default),
                 })
        {
            var error = await Assert.ThrowsAsync<AwsApiException>(call);
            Assert.Equal(AwsErrorCodes.AccessDenied, error.Code);
            Assert.Equal(403, error.StatusCode);
            Assert.StartsWith($"AccessDenied: User: {TwoAccounts.HomeUser} is not authorized to perform: s3:", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(Policy(bucket), _aws.Workload.World.BucketPolicy(bucket));
        // The location answers for any account's bucket.
        Assert.Equal(TwoAccounts.Region, await _aws.Home.S3.GetBucketRegionAsync(bucket, null, default));
        Assert.Equal(1, _aws.Workload.Calls["s3:PutBucketPolicy"]);
        Assert.Equal(1, _aws.Home.Calls["s3:PutBucketPolicy"]);
    }

    [Fact]
    public async Task The_bucket_policy_sees_the_role_as_the_principal()
    {
        const string bucket = "workload-locked";
        const string other = "arn:aws:iam::222233334444:role/other";
        _aws.Workload.World.CreateBucket(bucket, TwoAccounts.Region);
        _aws.Workload.World.CreateAssumableRole(other, [$"arn:aws:iam::{TwoAccounts.HomeId}:root"]);
        _aws.Workload.Tamper.SetBucketPolicy(bucket,
            """{"Version":"2012-10-17","Statement":[{"Sid":"OnlyTheOperator","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"ArnNotEquals":{"aws:PrincipalArn":"ROLE"}}}]}""".Replace("BUCKET", bucket, StringComparison.Ordinal).Replace("ROLE", TwoAccounts.WorkloadRole, StringComparison.Ordinal));
        var (_, asOperator) = await _aws.AssumeWorkloadAsync();
        var otherRole = await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(other, externalId: null), default);
        var asOther = _aws.Home.ActingAs(() => otherRole.Credentials);

        Assert.NotNull(await asOperator.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, null, default));
        var error = await Assert.ThrowsAsync<AwsApiException>(() => asOther.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, null, default));
        Assert.Equal(
            $"AccessDenied: User: {otherRole.AssumedRoleArn} is not authorized to perform: s3:GetBucketPolicy on resource: \"arn:aws:s3:::{bucket}\" with an explicit deny in a resource-based policy",
            error.Message);
    }

    [Fact]
    public async Task A_bucket_policy_may_name_roles_of_other_accounts_that_exist()
    {
        const string bucket = "workload-shared";
        const string homeRole = "arn:aws:iam::123456789012:role/reader";
        _aws.Workload.World.CreateBucket(bucket, TwoAccounts.Region);
        _aws.Home.World.CreateIamRole(homeRole);
        var (_, inWorkload) = await _aws.AssumeWorkloadAsync();
        string Naming(string principal) =>
            $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";

        await inWorkload.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Naming(homeRole), null, default);
        Assert.Equal(Naming(homeRole), _aws.Workload.World.BucketPolicy(bucket));

        var missing = await Assert.ThrowsAsync<AwsApiException>(() =>
            inWorkload.S3.PutBucketPolicyAsync(TwoAccounts.Region, bucket, Naming("arn:aws:iam::123456789012:role/nobody"), null, default));
        Assert.Equal(AwsErrorCodes.MalformedPolicy, missing.Code);
    }

    [Fact]
    public async Task Bucket_names_are_global_across_accounts()
    {
        _aws.Home.World.CreateBucket("shared-name", TwoAccounts.Region);

        var taken = Assert.Throws<AwsApiException>(() => _aws.Workload.World.CreateBucket("shared-name", "us-east-1"));
        Assert.Equal("BucketAlreadyExists", taken.Code);
        Assert.Equal(409, taken.StatusCode);
        var own = Assert.Throws<AwsApiException>(() => _aws.Home.World.CreateBucket("shared-name", TwoAccounts.Region));
        Assert.Equal("BucketAlreadyOwnedByYou", own.Code);
        Assert.Throws<AwsApiException>(() => _aws.Workload.World.BucketPolicy("shared-name"));
    }

    [Fact]
    public async Task Expired_credentials_are_refused_as_each_service_refuses_them_and_fresh_ones_work()
    {
        const string bucket = "workload-expiry";
        _aws.Workload.World.CreateBucket(bucket, TwoAccounts.Region);
        var current = (await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(duration: TimeSpan.FromMinutes(15)), default)).Credentials;
        // Asked before every call, as the operator's credential cache is.
        var inWorkload = _aws.Home.ActingAs(() => current);

        _aws.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await inWorkload.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default);
        _aws.Time.Advance(TimeSpan.FromSeconds(1));
        var calls = _aws.Workload.Calls.Total + _aws.Home.Calls.Total;

        var sts = await Assert.ThrowsAsync<AwsApiException>(() => inWorkload.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default));
        Assert.Equal(("ExpiredToken", 403), (sts.Code, sts.StatusCode));
        Assert.Equal("ExpiredToken: The security token included in the request is expired", sts.Message);
        var ec2 = await Assert.ThrowsAsync<AwsApiException>(() => inWorkload.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default));
        Assert.Equal(("RequestExpired", 400), (ec2.Code, ec2.StatusCode));
        var s3 = await Assert.ThrowsAsync<AwsApiException>(() => inWorkload.S3.GetBucketPolicyAsync(TwoAccounts.Region, bucket, null, default));
        Assert.Equal(("ExpiredToken", 400), (s3.Code, s3.StatusCode));
        Assert.Equal(calls, _aws.Workload.Calls.Total + _aws.Home.Calls.Total);

        current = (await _aws.Home.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(), default)).Credentials;
        Assert.Equal(TwoAccounts.WorkloadId, (await inWorkload.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default)).Account);
        Assert.Single(await inWorkload.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default));
    }

    [Fact]
    public async Task Credentials_sts_never_issued_are_refused_and_counted_nowhere()
    {
        var (role, _) = await _aws.AssumeWorkloadAsync();
        var calls = _aws.Workload.Calls.Total + _aws.Home.Calls.Total;
        var forged = _aws.Home.ActingAs(() => new AwsSessionCredentials("ASIAAAAAAAAAAAAAAAAA", "secret", "token", DateTimeOffset.MaxValue));
        var wrongSecret = _aws.Home.ActingAs(() => role.Credentials with { SecretAccessKey = "not-it" });

        foreach (var apis in new[] { forged, wrongSecret })
        {
            var sts = await Assert.ThrowsAsync<AwsApiException>(() => apis.Sts.GetCallerIdentityAsync(TwoAccounts.Region, default));
            Assert.Equal("InvalidClientTokenId: The security token included in the request is invalid.", sts.Message);
            Assert.Equal(403, sts.StatusCode);
            var ec2 = await Assert.ThrowsAsync<AwsApiException>(() => apis.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default));
            Assert.Equal(("AuthFailure", 401), (ec2.Code, ec2.StatusCode));
            var s3 = await Assert.ThrowsAsync<AwsApiException>(() => apis.S3.GetBucketRegionAsync("any", null, default));
            Assert.Equal(("InvalidAccessKeyId", 403), (s3.Code, s3.StatusCode));
        }
        Assert.Equal(calls, _aws.Workload.Calls.Total + _aws.Home.Calls.Total);
    }

    [Fact]
    public async Task Faults_and_throttling_are_per_account()
    {
        var aws = new TwoAccounts(new AwsSimulatorOptions
        {
            Seed = 7,
            Throttling = new Ec2ThrottlingOptions { Enabled = true, NonMutating = new TokenBucketSettings(2, 0.001) },
        });
        var (_, inWorkload) = await aws.AssumeWorkloadAsync();
        for (var i = 0; i < 2; i++)
            await aws.Home.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default);
        var throttled = await Assert.ThrowsAsync<AwsApiException>(() => aws.Home.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default));
        Assert.True(throttled.IsThrottling);

        // The workload account's bucket is full; and a fault injected in the home account does not reach it.
        aws.Home.Faults.StartOutage();
        Assert.Single(await inWorkload.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default));
        aws.Workload.Faults.FailNext("ec2:DescribeVpcs", "InternalError", statusCode: 500);
        Assert.Equal("InternalError", (await Assert.ThrowsAsync<AwsApiException>(() => inWorkload.Ec2.DescribeVpcsAsync(TwoAccounts.Region, new ResourceQuery(), default))).Code);
        Assert.Equal(1, aws.Home.Calls.Throttled("ec2:DescribeVpcs"));
        Assert.Equal(0, aws.Workload.Calls.Throttled("ec2:DescribeVpcs"));
    }

    [Fact]
    public async Task Acting_as_from_a_session_view_acts_as_the_other_session()
    {
        var (_, inWorkload) = await _aws.AssumeWorkloadAsync();
        const string back = "arn:aws:iam::123456789012:role/back-home";
        _aws.Home.World.CreateAssumableRole(back, [TwoAccounts.WorkloadRole]);

        var backRole = await inWorkload.Sts.AssumeRoleAsync(TwoAccounts.Region, TwoAccounts.Request(back, "return", null), default);
        var identity = await inWorkload.ActingAs(() => backRole.Credentials).Sts.GetCallerIdentityAsync(TwoAccounts.Region, default);

        Assert.Equal(new CallerIdentity(TwoAccounts.HomeId, "arn:aws:sts::123456789012:assumed-role/back-home/return", backRole.AssumedRoleId), identity);
        Assert.Equal(1, _aws.Workload.Calls["sts:AssumeRole"]);
        Assert.Equal(1, _aws.Home.Calls["sts:GetCallerIdentity"]);
    }
}
