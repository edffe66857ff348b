using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class EndpointBucketPolicySpecValidatorTests
{
    private static EndpointBucketPolicySpec Minimal() => new() { Bucket = "reports-bucket", VpcEndpointIds = ["vpce-0123"] };

    [Fact]
    public void A_minimal_spec_is_valid() =>
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(Minimal()));

    [Fact]
    public void A_full_spec_is_valid()
    {
        var spec = Minimal();
        spec.VpcEndpointRef = new() { Name = "s3-private" };
        spec.Actions = ["s3:*", "s3:GetObject", "s3:Put*", "*"];
        spec.ExemptPrincipalArns = ["arn:aws:iam::111122223333:role/break-glass", "arn:aws-cn:sts::111122223333:assumed-role/r/s"];
        spec.StatementSid = "Custom1";
        spec.DeletionPolicy = DeletionPolicies.Retain;
        spec.DriftPolicy = DriftPolicies.Report;
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(spec));
    }

    public static TheoryData<string, Action<EndpointBucketPolicySpec>> InvalidSpecs => new()
    {
        { "spec.bucket", s => s.Bucket = "" },
        { "spec.bucket", s => s.Bucket = "Reports_Bucket" },
        { "spec.vpcEndpointIds", s => s.VpcEndpointIds = null },
        { "spec.vpcEndpointIds", s => s.VpcEndpointIds = [] },
        { "spec.vpcEndpointRef.name", s => s.VpcEndpointRef = new() },
        { "spec.vpcEndpointIds[1]", s => s.VpcEndpointIds = ["vpce-0123", "vpce_XYZ"] },
        { "spec.actions[0]", s => s.Actions = ["GetObject"] },
        { "spec.actions[0]", s => s.Actions = ["ec2:DescribeVpcs"] },
        { "spec.exemptPrincipalArns[0]", s => s.ExemptPrincipalArns = ["break-glass"] },
        { "spec.statementSid", s => s.StatementSid = "my-sid" },
        { "spec.statementSid", s => s.StatementSid = new string('A', StatementSids.MaxLength + 1) },
        { "spec.deletionPolicy", s => s.DeletionPolicy = "Keep" },
        { "spec.driftPolicy", s => s.DriftPolicy = "Ignore" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Bad_input_names_the_field(string field, Action<EndpointBucketPolicySpec> change)
    {
        var spec = Minimal();
        change(spec);
        Assert.Contains(field, EndpointBucketPolicySpecValidator.Validate(spec).Select(e => e.Field));
    }

    [Fact]
    public void A_reference_alone_is_enough()
    {
        var spec = Minimal();
        spec.VpcEndpointIds = null;
        spec.VpcEndpointRef = new() { Name = "s3-private" };
        Assert.Empty(EndpointBucketPolicySpecValidator.Validate(spec));
    }
}
