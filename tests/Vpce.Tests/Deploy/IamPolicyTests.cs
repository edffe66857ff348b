namespace Vpce.Tests.Deploy;

/// <summary>deploy/iam/policy.json grants exactly the AWS calls the adapters make, and its conditions keep the operator to
/// endpoints tagged for a cluster; deploy/iam/adopt-untagged-endpoints.json adds only the adoption of untagged ones;
/// deploy/iam/hub-assume-role.json adds the hub's sts actions (IamHubAndSpokeTests checks it and the spoke trust policy).</summary>
public sealed class IamPolicyTests
{
    private const string Cluster = "vpce.io/cluster";
    /// <summary>The opt-in an endpoint's owner sets (value true) so that the adoption policy lets the operator take it over.</summary>
    private const string Adoptable = "aws:ResourceTag/vpce.io/adoptable";
    private const string Endpoint = "arn:aws:ec2:eu-west-1:111122223333:vpc-endpoint/vpce-0123456789abcdef0";

    private static readonly string Root = RepoRoot.Find();
    private static readonly IamPolicy Policy = IamPolicy.Load(Path.Combine(Root, "deploy/iam/policy.json"));
    private static readonly IamPolicy Adoption = IamPolicy.Load(Path.Combine(Root, "deploy/iam/adopt-untagged-endpoints.json"));
    private static readonly IamPolicy WithAdoption = IamPolicy.Combine(Policy, Adoption);
    private static readonly IamPolicy Hub = IamPolicy.Load(Path.Combine(Root, "deploy/iam/hub-assume-role.json"));
    /// <summary>The placeholder the shipped policy names its buckets with; the installer replaces it (deploy/iam/README.md).</summary>
    private const string BucketPlaceholder = "arn:aws:s3:::CHANGE-ME-*";
    /// <summary>policy.json as an installer narrows it: the placeholder replaced by the team's buckets.</summary>
    private static readonly IamPolicy Narrowed = IamPolicy.Load(Path.Combine(Root, "deploy/iam/policy.json"),
        new Dictionary<string, string> { [BucketPlaceholder] = "arn:aws:s3:::reports-*" });

    [Fact]
    public void The_adapters_source_is_read()
    {
        var calls = AdapterAwsCalls.All(Root);
        // A parser that finds nothing would let every policy pass.
        Assert.Contains("ec2:CreateVpcEndpoint", calls);
        Assert.Contains("ec2:DescribeVpcAttribute", calls);
        Assert.Contains("s3:PutBucketPolicy", calls);
        Assert.Contains("sts:GetCallerIdentity", calls);
        Assert.Empty(AdapterAwsCalls.UnmappedAdapterFiles(Root));
    }

    [Fact]
    public void Each_operation_name_the_adapters_report_is_a_call_they_make()
    {
        // The operation label of vpce_aws_requests_total is the IAM action's name, so an AccessDenied reads the same in both.
        var clientCalls = AdapterAwsCalls.ClientCallsByFile(Root);
        foreach (var (file, operations) in AdapterAwsCalls.GuardedOperationsByFile(Root))
        {
            Assert.Empty(operations.Except(clientCalls[file]));
            Assert.Empty(clientCalls[file].Except(operations));
        }
    }

    [Fact]
    public void The_policy_and_the_hub_statement_grant_every_call_the_adapters_make_and_nothing_else()
    {
        // The adapters' calls are made either as a spoke (policy.json: everything but AssumeRole) or as the hub, whose
        // statement grants sts actions only: AssumeRole, and TagSession, the permission an AssumeRole with session tags needs.
        var calls = AdapterAwsCalls.All(Root);
        var granted = Policy.AllowedActions();
        var hubGranted = Hub.AllowedActions();
        Assert.DoesNotContain(granted.Concat(hubGranted), a => a.Contains('*'));
        Assert.All(hubGranted, a => Assert.StartsWith("sts:", a));
        var missing = calls.Except(granted.Concat(hubGranted), StringComparer.OrdinalIgnoreCase).Order().ToList();
        Assert.True(missing.Count == 0, "neither deploy/iam/policy.json nor hub-assume-role.json grants: " + string.Join(", ", missing));
        var uncalled = granted.Except(calls, StringComparer.OrdinalIgnoreCase).Order().ToList();
        Assert.True(uncalled.Count == 0, "deploy/iam/policy.json grants actions no adapter calls: " + string.Join(", ", uncalled));
        var hubUncalled = hubGranted.Except(calls.Concat(ImpliedStsPermissions()), StringComparer.OrdinalIgnoreCase).Order().ToList();
        Assert.True(hubUncalled.Count == 0, "deploy/iam/hub-assume-role.json grants actions no adapter needs: " + string.Join(", ", hubUncalled));
    }

    [Fact]
    public void A_spoke_never_assumes_another_role()
    {
        // The spoke's permissions are policy.json: a spoke that could assume further roles would reach out of its account.
        Assert.Contains("sts:AssumeRole", AdapterAwsCalls.All(Root));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("sts:AssumeRole", "arn:aws:iam::222233334444:role/vpce-operator/spoke")));
        Assert.DoesNotContain(WithAdoption.AllowedActions(), a => a.StartsWith("sts:", StringComparison.OrdinalIgnoreCase) && a != "sts:GetCallerIdentity");
    }

    /// <summary>IAM permissions a call needs beside its own action: sts:TagSession when AssumeRole passes session tags.</summary>
    private static IEnumerable<string> ImpliedStsPermissions()
    {
        var sts = File.ReadAllText(Path.Combine(Root, AdapterAwsCalls.SourceFolder, "SdkStsApi.cs"));
        var assume = sts[sts.IndexOf("AssumeRoleAsync(new AssumeRoleRequest", StringComparison.Ordinal)..];
        if (assume.Contains("Tags =", StringComparison.Ordinal)) yield return "sts:TagSession";
    }

    [Fact]
    public void The_adoption_policy_grants_only_calls_the_adapters_make()
    {
        Assert.Empty(Adoption.AllowedActions().Except(AdapterAwsCalls.All(Root), StringComparer.OrdinalIgnoreCase));
        Assert.Contains(Adoption.Statements, s => s.Sid == "AdoptUntaggedEndpoints");
    }

    [Theory]
    [InlineData("ec2:DescribeVpcs")]
    [InlineData("ec2:DescribeVpcAttribute")]
    [InlineData("ec2:DescribeSubnets")]
    [InlineData("ec2:DescribeRouteTables")]
    [InlineData("ec2:DescribeSecurityGroups")]
    [InlineData("ec2:DescribeVpcEndpointServices")]
    [InlineData("ec2:DescribePrefixLists")]
    [InlineData("ec2:DescribeVpcEndpoints")]
    [InlineData("sts:GetCallerIdentity")]
    public void Describes_and_the_caller_identity_are_unconditioned(string action) =>
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of(action, "*")));

    [Fact]
    public void Create_is_allowed_only_with_the_cluster_request_tag()
    {
        var amazons = ("ec2:VpceServiceOwner", "amazon");
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, amazons, ($"aws:RequestTag/{Cluster}", "prod-eu"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, amazons)));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, amazons, ("aws:RequestTag/team", "platform"))));
    }

    /// <summary>A create of an endpoint to a service owned by <paramref name="owner"/> (ec2:VpceServiceOwner: amazon,
    /// aws-marketplace or an account ID), made by a role of account 111122223333.</summary>
    private static IamRequest CreateFor(string? owner)
    {
        var context = new List<(string, string)> { ($"aws:RequestTag/{Cluster}", "prod-eu"), ("aws:PrincipalAccount", "111122223333") };
        if (owner is not null) context.Add(("ec2:VpceServiceOwner", owner));
        return IamRequest.Of("ec2:CreateVpcEndpoint", Endpoint, [.. context]);
    }

    [Fact]
    public void Create_is_allowed_only_to_services_that_amazon_or_the_account_itself_owns()
    {
        // An interface endpoint to a service in an account the tenant controls is a private path out of the organisation.
        Assert.Null(WithAdoption.AllowedBy(CreateFor("999999999999")));
        Assert.Null(WithAdoption.AllowedBy(CreateFor("aws-marketplace")));
        Assert.Null(WithAdoption.AllowedBy(CreateFor(null)));
        Assert.Equal("CreateEndpointsTaggedForTheCluster", Policy.AllowedBy(CreateFor("amazon")));
        Assert.Equal("CreateEndpointsTaggedForTheCluster", Policy.AllowedBy(CreateFor("111122223333")));
    }



    [Theory]
    [InlineData("arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc")]
    [InlineData("arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0abc")]
    [InlineData("arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-0abc")]
    [InlineData("arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc")]
    public void Create_may_use_the_network_it_names(string resource) =>
        // IAM checks each resource the call names; the network's own resources carry no request tags.
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:CreateVpcEndpoint", resource)));

    [Fact]
    public void Tags_are_written_on_create_only_as_part_of_CreateVpcEndpoint()
    {
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint,
            ("ec2:CreateAction", "CreateVpcEndpoint"), ($"aws:RequestTag/{Cluster}", "prod-eu"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint,
            ("ec2:CreateAction", "CreateSecurityGroup"), ($"aws:RequestTag/{Cluster}", "prod-eu"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, ($"aws:RequestTag/{Cluster}", "prod-eu"))));
    }

    [Theory]
    [InlineData("ec2:ModifyVpcEndpoint")]
    [InlineData("ec2:DeleteVpcEndpoints")]
    public void Modify_and_delete_need_the_cluster_tag_on_the_endpoint(string action)
    {
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of(action, Endpoint, ($"aws:ResourceTag/{Cluster}", "prod-eu"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of(action, Endpoint)));
        Assert.Null(Policy.AllowedBy(IamRequest.Of(action, Endpoint, ("aws:ResourceTag/team", "platform"))));
    }

    [Fact]
    public void Tag_changes_need_the_cluster_tag_and_never_touch_the_ownership_tags()
    {
        var tagged = ($"aws:ResourceTag/{Cluster}", "prod-eu");
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, tagged, ("aws:RequestTag/team", "platform"), ("aws:TagKeys", "team"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, ("aws:RequestTag/team", "platform"))));
        // Moving an endpoint to another cluster is not a tag change the operator makes.
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, tagged, ($"aws:RequestTag/{Cluster}", "other"))));

        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, tagged, ("aws:TagKeys", "team"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, ("aws:TagKeys", "team"))));
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, tagged, ("aws:TagKeys", "team"), ("aws:TagKeys", "vpce.io/name"))));
    }

    [Theory]
    [InlineData("vpce.io/namespace", "attacker")]
    [InlineData("vpce.io/name", "someone-else")]
    [InlineData("vpce.io/cluster", "prod-eu")]
    [InlineData("vpce.io/adoptable", "true")]
    public void Ownership_tags_are_written_only_as_part_of_the_create(string key, string value)
    {
        // Rewriting vpce.io/namespace or vpce.io/name of an endpoint that is already the cluster's would hand it to another
        // object; the operator writes them only in CreateVpcEndpoint's own tagging (ec2:CreateAction), and vpce.io/adoptable
        // is the endpoint owner's to set.
        var tagged = ($"aws:ResourceTag/{Cluster}", "prod-eu");
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, tagged, ($"aws:RequestTag/{key}", value), ("aws:TagKeys", key))));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, tagged,
            ("aws:RequestTag/team", "platform"), ($"aws:RequestTag/{key}", value), ("aws:TagKeys", "team"), ("aws:TagKeys", key))));
        Assert.Equal("TagEndpointsOnCreate", Policy.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, ("ec2:CreateAction", "CreateVpcEndpoint"),
            ($"aws:RequestTag/{Cluster}", "prod-eu"), ($"aws:RequestTag/{key}", value), ("aws:TagKeys", Cluster), ("aws:TagKeys", key))));
    }

    [Fact]
    public void DeleteTags_without_keys_is_refused_for_it_deletes_every_tag()
    {
        // DeleteTags without Tags deletes every tag, the ownership tags included. Such a request carries no aws:TagKeys, and
        // ForAllValues over a missing key is true: the statement has to require the key.
        var tagged = ($"aws:ResourceTag/{Cluster}", "prod-eu");
        Assert.Null(Policy.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, tagged)));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint, tagged)));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:DeleteTags", Endpoint)));
    }

    [Fact]
    public void Untagged_endpoints_are_adopted_only_with_the_adoption_policy()
    {
        var claim = IamRequest.Of("ec2:CreateTags", Endpoint, (Adoptable, "true"), ($"aws:RequestTag/{Cluster}", "prod-eu"), ("aws:TagKeys", Cluster));
        var modify = IamRequest.Of("ec2:ModifyVpcEndpoint", Endpoint, (Adoptable, "true"));
        Assert.Null(Policy.AllowedBy(claim));
        Assert.Null(Policy.AllowedBy(modify));
        Assert.Equal("AdoptUntaggedEndpointsByTagging", WithAdoption.AllowedBy(claim));
        Assert.Equal("AdoptUntaggedEndpoints", WithAdoption.AllowedBy(modify));
        // Adoption tags an endpoint for the cluster; it never deletes an untagged endpoint or tags one without claiming it.
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:DeleteVpcEndpoints", Endpoint, (Adoptable, "true"))));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, (Adoptable, "true"), ("aws:RequestTag/team", "platform"))));
    }

    [Theory]
    [InlineData("s3:GetBucketLocation")]
    [InlineData("s3:GetBucketPolicy")]
    [InlineData("s3:PutBucketPolicy")]
    [InlineData("s3:DeleteBucketPolicy")]
    public void Bucket_policy_actions_are_granted_on_bucket_arns_a_team_can_narrow(string action)
    {
        Assert.NotNull(Narrowed.AllowedBy(IamRequest.Of(action, "arn:aws:s3:::reports-bucket")));
        Assert.Null(Narrowed.AllowedBy(IamRequest.Of(action, "arn:aws:s3:::payments-ledger")));
        // Never "*": the statement names bucket ARNs, so narrowing it to the team's buckets is an edit of one list.
        var granting = Policy.Statements.Where(s => s.Allow && s.Actions.Contains(action, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.All(granting, s => Assert.All(s.Resources, r => Assert.StartsWith("arn:aws:s3:::", r)));
    }

    [Fact]
    public void The_shipped_policy_grants_no_S3_action_on_every_bucket()
    {
        // Bucket policies are the exfiltration path of a bucket: as shipped, the S3 statement names a placeholder the installer
        // must narrow, never "*" or arn:aws:s3:::*. The placeholder is upper case, which no S3 bucket name is: left in, it
        // grants nothing.
        var s3Actions = AdapterAwsCalls.All(Root).Where(a => a.StartsWith("s3:", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(s3Actions);
        var granting = WithAdoption.Statements.Where(s => s.Allow && s.Actions.Any(a => a.StartsWith("s3:", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.NotEmpty(granting);
        Assert.All(granting, s => Assert.Equal(new[] { BucketPlaceholder }, s.Resources));
        Assert.DoesNotContain(WithAdoption.Statements.Where(s => s.Allow && s.Resources.Any(r => r is "*" or "arn:aws:s3:::*")).SelectMany(s => s.Actions),
            a => a.StartsWith("s3:", StringComparison.OrdinalIgnoreCase));
        foreach (var action in s3Actions)
        {
            foreach (var bucket in new[] { "arn:aws:s3:::payments-ledger", "arn:aws:s3:::reports-bucket", "arn:aws:s3:::*", "*" })
            {
                Assert.True(WithAdoption.AllowedBy(IamRequest.Of(action, bucket)) is null, $"{action} on {bucket} as shipped");
            }
        }
        Assert.NotEqual(BucketPlaceholder, BucketPlaceholder.ToLowerInvariant());
    }

    /// <summary>The resource types each endpoint action authorizes, from the Service Authorization Reference for Amazon EC2
    /// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html): IAM checks each resource a call
    /// names against these; a grant on any other type is dead weight a reviewer has to reason about.</summary>
    private static readonly Dictionary<string, string[]> EndpointActionResourceTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ec2:CreateVpcEndpoint"] = ["vpc", "vpc-endpoint", "subnet", "route-table", "security-group"],
        // No vpc: a modify names the endpoint, and the subnets, route tables and security groups it adds or removes.
        ["ec2:ModifyVpcEndpoint"] = ["vpc-endpoint", "subnet", "route-table", "security-group"],
    };

    [Theory]
    [InlineData("ec2:CreateVpcEndpoint")]
    [InlineData("ec2:ModifyVpcEndpoint")]
    public void An_endpoint_action_is_granted_only_on_its_own_resource_types(string action)
    {
        var types = WithAdoption.Statements.Where(s => s.Allow && s.Actions.Contains(action, StringComparer.OrdinalIgnoreCase))
            .SelectMany(s => s.Resources).Select(ResourceType).ToHashSet();
        Assert.Empty(types.Except(EndpointActionResourceTypes[action]));
    }

    [Fact]
    public void Modify_is_not_granted_on_a_VPC()
    {
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc")));
        Assert.NotNull(Policy.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0abc")));
    }

    // arn:aws:ec2:REGION:ACCOUNT:TYPE/ID → TYPE
    private static string ResourceType(string arn) => arn.Split(':', 6) is [_, _, "ec2", _, _, var resource] ? resource.Split('/')[0] : arn;

    [Fact]
    public void An_untagged_endpoint_is_adopted_only_when_its_owner_opted_in()
    {
        (string, string)[] claimTags =
        [
            ($"aws:RequestTag/{Cluster}", "prod-eu"), ("aws:RequestTag/vpce.io/namespace", "payments"), ("aws:RequestTag/vpce.io/name", "s3"),
            ("aws:TagKeys", Cluster), ("aws:TagKeys", "vpce.io/namespace"), ("aws:TagKeys", "vpce.io/name"),
        ];
        // Terraform's endpoint, or anyone's, that carries no opt-in: neither modified nor claimed.
        foreach (var (key, value) in new[] { ("aws:ResourceTag/managed-by", "terraform"), (Adoptable, "false"), (Adoptable, "TRUE") })
        {
            Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", Endpoint, (key, value))));
            Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, [(key, value), .. claimTags])));
        }
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", Endpoint)));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, claimTags)));
        // The owner's opt-in: modified and claimed.
        Assert.Equal("AdoptUntaggedEndpoints", WithAdoption.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", Endpoint, (Adoptable, "true"))));
        Assert.Equal("AdoptUntaggedEndpointsByTagging", WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, [(Adoptable, "true"), .. claimTags])));
        // The opt-in is the owner's: the operator cannot set it on an endpoint, and it does not open an endpoint that names
        // an owner already (a vpce.io/ tag without the cluster's).
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint,
            ("aws:RequestTag/vpce.io/adoptable", "true"), ("aws:TagKeys", "vpce.io/adoptable"))));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:ModifyVpcEndpoint", Endpoint, (Adoptable, "true"), ("aws:ResourceTag/vpce.io/namespace", "other"))));
        Assert.Null(WithAdoption.AllowedBy(IamRequest.Of("ec2:CreateTags", Endpoint, [(Adoptable, "true"), ("aws:ResourceTag/vpce.io/name", "other"), .. claimTags])));
    }

    [Fact]
    public void Every_statement_has_a_unique_sid()
    {
        var sids = WithAdoption.Statements.Select(s => s.Sid).ToList();
        Assert.DoesNotContain("", sids);
        Assert.Equal(sids.Count, sids.Distinct().Count());
    }
}
