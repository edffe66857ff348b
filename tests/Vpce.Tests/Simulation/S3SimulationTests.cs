using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class S3SimulationTests
{
    private const string Bucket = "demo-bucket";
    private readonly TestAccount _account = new();

    public S3SimulationTests() => _account.Aws.World.CreateBucket(Bucket, TestAccount.Region);

    private IS3Api S3 => _account.Aws.S3;

    private static string PolicyOfSize(int padding) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{new string('x', padding)}}","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{{Bucket}}","arn:aws:s3:::{{Bucket}}/*"]}]}""";

    [Fact]
    public async Task Buckets_have_regions_and_unknown_ones_are_no_such_bucket()
    {
        Assert.Equal(TestAccount.Region, await S3.GetBucketRegionAsync(Bucket, null, CancellationToken.None));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.GetBucketRegionAsync("missing", null, CancellationToken.None));
        Assert.Equal(AwsErrorCodes.NoSuchBucket, error.Code);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task A_policy_is_put_read_and_deleted()
    {
        Assert.Null(await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));

        var policy = PolicyOfSize(1);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, null, CancellationToken.None);
        Assert.Equal(policy, await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));

        await S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None);
        Assert.Null(await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));
        await S3.DeleteBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None);
    }

    [Fact]
    public async Task Policies_over_20_KB_are_refused_but_whitespace_does_not_count()
    {
        var justFits = PolicyOfSize(1);
        justFits = PolicyOfSize(20 * 1024 - justFits.Length + 1);
        Assert.Equal(20 * 1024, justFits.Length);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, justFits.Replace(",", ",\n    "), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, PolicyOfSize(20 * 1024), null, CancellationToken.None));

        Assert.Equal(AwsErrorCodes.MalformedPolicy, error.Code);
        Assert.Contains("20KB", error.Message);
    }

    [Theory]
    [InlineData("{not json", "invalid Json")]
    [InlineData("""{"Version":"2012-10-17"}""", "Statement")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::other-bucket/*"}]}""", "invalid resource")]
    public async Task Malformed_policies_are_refused_and_the_old_one_kept(string policy, string message)
    {
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, PolicyOfSize(1), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, null, CancellationToken.None));

        Assert.Equal(AwsErrorCodes.MalformedPolicy, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Equal(PolicyOfSize(1), await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));
    }

    private const string Auditor = "arn:aws:iam::123456789012:role/auditor";

    private static string Allow(string principal, string action = "\"s3:GetObject\"") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{{principal}},"Action":{{action}},"Resource":"arn:aws:s3:::{{Bucket}}/*"}]}""";

    [Theory]
    // hashicorp/terraform#9335: a statement without a principal.
    [InlineData("""{"Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Missing required field Principal")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObjekt","Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Policy has invalid action")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:GetObject","ec2:DescribeVpcs"],"Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Policy has invalid action")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:Frobnicate*","Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Policy has invalid action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/nobody"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Invalid principal in policy")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"AROAEXAMPLEDELETED01"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/*"}]}""", "Invalid principal in policy")]
    public async Task S3_checks_principals_and_actions_as_AWS_does(string policy, string message)
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, policy, null, CancellationToken.None));

        Assert.Equal((AwsErrorCodes.MalformedPolicy, message), (error.Code, error.Message[(error.Code.Length + 2)..]));
        Assert.Null(_account.Aws.World.BucketPolicy(Bucket));
    }

    [Theory]
    [InlineData("\"s3:getobject\"")]
    [InlineData("[\"s3:Get*\",\"s3:ListBucket\"]")]
    [InlineData("\"s3:*\"")]
    [InlineData("\"*\"")]
    public async Task Known_actions_any_case_and_wildcards_that_match_one_are_taken(string action)
    {
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, Allow("\"*\"", action), null, CancellationToken.None);
    }

    [Fact]
    public async Task A_policy_reads_back_as_S3_rewrites_it()
    {
        _account.Aws.World.CreateIamRole(Auditor);
        var written = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Everyone", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:*"], "Resource": ["arn:aws:s3:::BUCKET", "arn:aws:s3:::BUCKET/*"],
                 "Condition": {"StringNotEquals": {"aws:SourceVpce": ["vpce-0123"]}, "ArnNotLike": {"aws:PrincipalArn": ["AUDITOR", "arn:aws:iam::123456789012:user/vpce-simulator"]}}},
                {"Sid": "Team", "Effect": "Allow", "Principal": {"AWS": ["111122223333"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET/*"},
                {"Sid": "Auditors", "Effect": "Allow", "Principal": {"AWS": ["AUDITOR"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::BUCKET/*"}
              ]
            }
            """.Replace("BUCKET", Bucket).Replace("AUDITOR", Auditor);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, written, null, CancellationToken.None);

        Assert.Equal((
            """{"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0123"},"ArnNotLike":{"aws:PrincipalArn":["AUDITOR","arn:aws:iam::123456789012:user/vpce-simulator"]}}},""" +
            """{"Sid":"Team","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"},""" +
            """{"Sid":"Auditors","Effect":"Allow","Principal":{"AWS":"AUDITOR"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""").Replace("BUCKET", Bucket).Replace("AUDITOR", Auditor),
            await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_role_shows_as_its_unique_id_which_S3_refuses_to_take_back()
    {
        var uniqueId = _account.Aws.World.CreateIamRole(Auditor);
        await S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, Allow($$"""{"AWS":"{{Auditor}}"}"""), null, CancellationToken.None);
        _account.Aws.World.DeleteIamPrincipal(Auditor);

        var shown = await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None);
        Assert.StartsWith("AROA", uniqueId);
        Assert.Equal(Allow($$"""{"AWS":"{{uniqueId}}"}"""), shown);
        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.PutBucketPolicyAsync(TestAccount.Region, Bucket, shown!, null, CancellationToken.None));
        Assert.Equal((AwsErrorCodes.MalformedPolicy, "MalformedPolicy: Invalid principal in policy"), (error.Code, error.Message));

        // A role made again under the name is another principal: the old statement does not name it.
        Assert.NotEqual(uniqueId, _account.Aws.World.CreateIamRole(Auditor));
        Assert.Equal(shown, await S3.GetBucketPolicyAsync(TestAccount.Region, Bucket, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_bucket_addressed_in_the_wrong_region_is_redirected()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => S3.GetBucketPolicyAsync("us-east-1", Bucket, null, CancellationToken.None));

        Assert.Equal("PermanentRedirect", error.Code);
        Assert.Equal(301, error.StatusCode);
    }

    [Fact]
    public async Task Caller_identity_is_the_configured_one()
    {
        _account.Aws.World.SetCallerIdentity("arn:aws:sts::111122223333:assumed-role/vpce-operator/pod", "111122223333");

        var identity = await _account.Aws.Sts.GetCallerIdentityAsync(TestAccount.Region, CancellationToken.None);

        Assert.Equal("111122223333", identity.Account);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/vpce-operator/pod", identity.Arn);
        Assert.Equal(1, _account.Aws.Calls["sts:GetCallerIdentity"]);
    }
}
