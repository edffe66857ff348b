using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointBucketPolicySpecValidatorTests
{
    private static EndpointBucketPolicySpec Valid() => new()
    {
        Bucket = "reports-bucket",
        VpcEndpointIds = ["vpce-0a1b2c3d"],
    };

    private static List<string> Many(Func<int, string> item, int count) => Enumerable.Range(1, count).Select(item).ToList();

    [Fact]
    public void A_minimal_spec_is_valid() => Assert.Empty(EndpointBucketPolicySpecValidator.Validate(Valid()));

    [Fact]
    public void A_full_spec_is_valid()
    {
        var spec = new EndpointBucketPolicySpec
        {
            Bucket = "my.reports-1",
            VpcEndpointRef = new LocalObjectReference { Name = "s3-private" },
            VpcEndpointIds = ["vpce-0a1b2c3d"],
            Actions = ["s3:*", "s3:GetObject", "s3:Put*"],
            ExemptPrincipalArns = ["arn:aws:iam::111122223333:role/break-glass", "arn:aws:iam::111122223333:root", "arn:aws-cn:iam::111122223333:user/ops"],
            StatementSid = "VpceReportsPrivatePlatform",
            DeletionPolicy = DeletionPolicies.Retain,
            DriftPolicy = DriftPolicies.Report,
        };
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(spec));
    }

    [Fact]
    public void An_endpoint_reference_alone_is_enough()
    {
        var spec = Valid();
        spec.VpcEndpointIds = null;
        spec.VpcEndpointRef = new LocalObjectReference { Name = "s3-private" };
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(spec));
    }

    public static TheoryData<string, Action<EndpointBucketPolicySpec>> InvalidSpecs => new()
    {
        { "spec.bucket", s => s.Bucket = "" },
        { "spec.bucket", s => s.Bucket = "ab" },
        { "spec.bucket", s => s.Bucket = new string('a', 64) },
        { "spec.bucket", s => s.Bucket = "Reports" },
        { "spec.bucket", s => s.Bucket = "reports_bucket" },
        { "spec.bucket", s => s.Bucket = "-reports" },
        { "spec.bucket", s => s.Bucket = "reports." },
        { "spec.bucket", s => s.Bucket = "192.168.5.4" },
        { "spec.bucket", s => s.Bucket = "my..bucket" },
        { "spec.bucket", s => s.Bucket = "reports\n" },
        { "spec.vpcEndpointRef", s => s.VpcEndpointIds = null },
        { "spec.vpcEndpointRef", s => s.VpcEndpointIds = [] },
        { "spec.vpcEndpointRef.name", s => s.VpcEndpointRef = new LocalObjectReference { Name = "" } },
        { "spec.vpcEndpointIds[1]", s => s.VpcEndpointIds = ["vpce-0a1b", "vpc-0a1b"] },
        { "spec.vpcEndpointIds", s => s.VpcEndpointIds = Many(i => $"vpce-{i:x4}", 101) },
        { "spec.actions", s => s.Actions = [] },
        { "spec.actions[0]", s => s.Actions = ["ec2:*"] },
        { "spec.actions[0]", s => s.Actions = ["s3:"] },
        { "spec.actions[1]", s => s.Actions = ["s3:GetObject", "s3:GetObjekt"] },
        { "spec.actions[0]", s => s.Actions = ["s3:Frobnicate*"] },
        { "spec.actions", s => s.Actions = Many(_ => "s3:GetObject", 101) },
        { "spec.exemptPrincipalArns[0]", s => s.ExemptPrincipalArns = ["arn:aws:sts::111122223333:assumed-role/ops/me"] },
        { "spec.exemptPrincipalArns[0]", s => s.ExemptPrincipalArns = ["arn:aws:iam::1111:role/ops"] },
        { "spec.exemptPrincipalArns[0]", s => s.ExemptPrincipalArns = ["role/ops"] },
        { "spec.exemptPrincipalArns", s => s.ExemptPrincipalArns = Many(i => $"arn:aws:iam::111122223333:role/r{i}", 101) },
        { "spec.statementSid", s => s.StatementSid = "Vpce-Reports" },
        { "spec.statementSid", s => s.StatementSid = "Vpce" + new string('S', 97) },
        { "spec.statementSid", s => s.StatementSid = "ReportsPrivate" },
        { "spec.statementSid", s => s.StatementSid = "vpceReports" },
        { "spec.statementSid", s => s.StatementSid = "AllowRead" },
        { "spec.deletionPolicy", s => s.DeletionPolicy = "Orphan" },
        { "spec.driftPolicy", s => s.DriftPolicy = "Ignore" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Invalid_specs_name_the_field(string field, Action<EndpointBucketPolicySpec> breakIt)
    {
        var spec = Valid();
        breakIt(spec);
        Assert.Contains(EndpointBucketPolicySpecValidator.Validate(spec), e => e.Field == field);
    }

    public static TheoryData<Action<EndpointBucketPolicySpec>> BoundarySpecs => new()
    {
        s => s.Bucket = "abc",
        s => s.Bucket = new string('a', 63),
        s => s.Bucket = "1.2.3.bucket",
        s => s.VpcEndpointIds = Many(i => $"vpce-{i:x4}", 100),
        s => s.Actions = Many(_ => "s3:GetObject", 100),
        s => s.Actions = ["s3:getobject", "s3:Put*", "s3:*", "s3:ListBucket"],
        s => s.ExemptPrincipalArns = Many(i => $"arn:aws:iam::111122223333:role/r{i}", 100),
        s => s.StatementSid = "Vpce" + new string('S', 96),
        s => s.StatementSid = "Vpce",
        s => s.StatementSid = "",
    };

    [Theory]
    [MemberData(nameof(BoundarySpecs))]
    public void Values_at_a_bound_are_valid(Action<EndpointBucketPolicySpec> atTheBound)
    {
        var spec = Valid();
        atTheBound(spec);
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(spec));
    }

    [Fact]
    public void A_statement_sid_outside_the_owned_prefix_is_refused_saying_which_prefix()
    {
        var spec = Valid();
        spec.StatementSid = "AllowRead";
        var error = Assert.Single(EndpointBucketPolicySpecValidator.Validate(spec));
        Assert.Equal("spec.statementSid", error.Field);
        Assert.Contains("does not start with Vpce", error.Message);
        Assert.Contains("VpceAllowRead", error.Message);
    }

    [Fact]
    public void Messages_say_what_is_wrong()
    {
        var spec = Valid();
        spec.Bucket = "10.0.0.1";
        spec.Actions = Many(_ => "s3:GetObject", 101);
        var errors = EndpointBucketPolicySpecValidator.Validate(spec);
        Assert.Contains(new SpecError("spec.bucket", "\"10.0.0.1\" is formatted as an IP address, which S3 bucket names may not be"), errors);
        Assert.Contains(new SpecError("spec.actions", "101 actions; at most 100"), errors);
    }

    [Fact]
    public void An_action_S3_does_not_know_is_named_with_S3s_own_refusal()
    {
        var spec = Valid();
        spec.Actions = ["s3:GetObjekt"];
        var error = Assert.Single(EndpointBucketPolicySpecValidator.Validate(spec));
        Assert.Equal("spec.actions[0]", error.Field);
        Assert.Contains("\"s3:GetObjekt\" is not an action of S3", error.Message);
        Assert.Contains("Policy has invalid action", error.Message);
    }
}
