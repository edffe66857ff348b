using System.Text.RegularExpressions;
using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Checks what an EndpointBucketPolicy spec can be checked for without AWS. The CRD schema says most of this
/// too, but objects from older CRDs (--without-validation-rules), other clients or the in-memory store reach the
/// operator unchecked, and a bad value here would reach S3 inside a Deny statement.</summary>
public static partial class EndpointBucketPolicySpecValidator
{
    public static IReadOnlyList<SpecError> Validate(EndpointBucketPolicySpec spec)
    {
        var errors = new List<SpecError>();
        if (string.IsNullOrEmpty(spec.Bucket))
        {
            errors.Add(new("spec.bucket", "is required"));
        }
        else if (!BucketPattern().IsMatch(spec.Bucket))
        {
            errors.Add(new("spec.bucket", $"\"{spec.Bucket}\" is not an S3 bucket name"));
        }

        if (spec.VpcEndpointRef is null && spec.VpcEndpointIds is not { Count: > 0 })
        {
            errors.Add(new("spec.vpcEndpointIds", "set spec.vpcEndpointRef or spec.vpcEndpointIds"));
        }
        if (spec.VpcEndpointRef is { Name: "" })
        {
            errors.Add(new("spec.vpcEndpointRef.name", "is required"));
        }
        Each(errors, "spec.vpcEndpointIds", spec.VpcEndpointIds, EndpointIdPattern(), "is not a vpce- id");
        Each(errors, "spec.actions", spec.Actions, ActionPattern(), "is not an S3 action (s3:Name, wildcards allowed, or *)");
        Each(errors, "spec.exemptPrincipalArns", spec.ExemptPrincipalArns, PrincipalArnPattern(), "is not an IAM or STS principal ARN");

        if (!string.IsNullOrEmpty(spec.StatementSid))
        {
            if (!SidPattern().IsMatch(spec.StatementSid))
            {
                errors.Add(new("spec.statementSid", $"\"{spec.StatementSid}\" is not alphanumeric (IAM allows A-Z, a-z, 0-9 in a Sid)"));
            }
            else if (spec.StatementSid.Length > StatementSids.MaxLength)
            {
                errors.Add(new("spec.statementSid", $"is {spec.StatementSid.Length} characters; at most {StatementSids.MaxLength}"));
            }
        }

        CheckEnum(errors, "spec.deletionPolicy", spec.DeletionPolicy, DeletionPolicies.Delete, DeletionPolicies.Retain);
        CheckEnum(errors, "spec.driftPolicy", spec.DriftPolicy, DriftPolicies.Correct, DriftPolicies.Report);
        return errors;
    }

    private static void Each(List<SpecError> errors, string field, List<string>? values, Regex pattern, string problem)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (!pattern.IsMatch(values![i]))
            {
                errors.Add(new($"{field}[{i}]", $"\"{values[i]}\" {problem}"));
            }
        }
    }

    private static void CheckEnum(List<SpecError> errors, string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(new(field, $"\"{value}\" is not one of {string.Join(", ", allowed)}"));
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z")]
    private static partial Regex BucketPattern();

    [GeneratedRegex(@"^vpce-[0-9a-f]+\z")]
    private static partial Regex EndpointIdPattern();

    [GeneratedRegex(@"^(\*|s3:[A-Za-z0-9*?]+)\z")]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+\z")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]+\z")]
    private static partial Regex SidPattern();
}
