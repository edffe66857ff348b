using Vpce.Crds;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>Checks an EndpointBucketPolicy spec without AWS, as <see cref="VpcEndpointSpecValidator"/> does a
/// VpcEndpoint's: the CRD schema says most of this, but objects from older CRDs, other clients or the in-memory store
/// reach the operator unchecked.</summary>
public static class EndpointBucketPolicySpecValidator
{
    // S3: "must not be formatted as an IP address (for example, 192.168.5.4)".
    private const string IpAddressShape = "^[0-9]+(\\.[0-9]+){3}$";

    /// <summary>The errors that stop the spec being reconciled; empty when there are none.</summary>
    public static IReadOnlyList<SpecError> Validate(EndpointBucketPolicySpec spec)
    {
        var errors = new List<SpecError>();
        CheckBucket(errors, spec.Bucket);

        if (spec.VpcEndpointRef is { } reference && string.IsNullOrWhiteSpace(reference.Name))
        {
            errors.Add(new("spec.vpcEndpointRef.name", "is required"));
        }
        if (spec.VpcEndpointRef is null && spec.VpcEndpointIds is not { Count: > 0 })
        {
            errors.Add(new("spec.vpcEndpointRef", "set spec.vpcEndpointRef or spec.vpcEndpointIds: the statement needs an endpoint to admit"));
        }
        SpecChecks.Items(errors, "spec.vpcEndpointIds", spec.VpcEndpointIds, AwsLimits.EndpointIdsPerBucketPolicy, "endpoint ids",
            AwsPatterns.EndpointId, "a vpce- id");

        if (spec.Actions is { Count: 0 })
        {
            errors.Add(new("spec.actions", "an empty list denies nothing; leave spec.actions out for the default s3:*"));
        }
        SpecChecks.Items(errors, "spec.actions", spec.Actions, AwsLimits.ActionsPerBucketPolicy, "actions",
            AwsPatterns.S3Action, "an S3 action (s3:*, s3:GetObject, s3:Put*)");
        CheckActionsKnown(errors, spec.Actions);
        SpecChecks.Items(errors, "spec.exemptPrincipalArns", spec.ExemptPrincipalArns, AwsLimits.ExemptPrincipalsPerBucketPolicy,
            "principals", AwsPatterns.PrincipalArn,
            "the ARN of an IAM role, user or account root (arn:aws:iam::111122223333:role/name)");

        if (spec.StatementSid is { Length: > AwsLimits.StatementSidMaxLength } sid)
        {
            errors.Add(new("spec.statementSid", $"is {sid.Length} characters; at most {AwsLimits.StatementSidMaxLength}"));
        }
        else if (spec.StatementSid is { Length: > 0 } given && !SpecChecks.Matches(given, AwsPatterns.StatementSid))
        {
            SpecChecks.Pattern(errors, "spec.statementSid", given, AwsPatterns.StatementSid,
                "a statement id: letters and digits only");
        }
        else if (spec.StatementSid is { Length: > 0 } unowned && !StatementSids.IsOwned(unowned))
        {
            errors.Add(new("spec.statementSid", $"{SpecChecks.Show(unowned)} does not start with {StatementSids.Prefix}: the operator " +
                $"writes and removes only statements whose Sid starts with {StatementSids.Prefix} (for example {StatementSids.Prefix}{unowned})"));
        }

        SpecChecks.Enum(errors, "spec.deletionPolicy", spec.DeletionPolicy, DeletionPolicies.Delete, DeletionPolicies.Retain);
        SpecChecks.Enum(errors, "spec.driftPolicy", spec.DriftPolicy, DriftPolicies.Correct, DriftPolicies.Report);
        return errors;
    }

    /// <summary>Each action the pattern let through must be one S3 knows (or a wildcard matching one): S3 refuses the whole
    /// policy otherwise ("Policy has invalid action"), so s3:GetObjekt would never reach the bucket.</summary>
    private static void CheckActionsKnown(List<SpecError> errors, IReadOnlyList<string>? actions)
    {
        if (actions is null || actions.Count > AwsLimits.ActionsPerBucketPolicy)
        {
            return;
        }
        var unknown = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not { } action || !SpecChecks.Matches(action, AwsPatterns.S3Action) || S3Actions.IsKnown(action))
            {
                continue;
            }
            if (++unknown <= SpecChecks.ItemErrorsPerField)
            {
                errors.Add(new($"spec.actions[{i}]", $"{SpecChecks.Show(action)} is not an action of S3 (S3 would refuse the policy: " +
                    "Policy has invalid action); the actions are listed in the Service Authorization Reference, list_amazons3"));
            }
        }
        SpecChecks.MoreBad(errors, "spec.actions", unknown, "unknown actions");
    }

    private static void CheckBucket(List<SpecError> errors, string? bucket)
    {
        const string field = "spec.bucket";
        if (string.IsNullOrEmpty(bucket))
        {
            errors.Add(new(field, "is required"));
        }
        else if (bucket.Length is < AwsLimits.BucketNameMinLength or > AwsLimits.BucketNameMaxLength)
        {
            errors.Add(new(field, $"{SpecChecks.Show(bucket)} is {bucket.Length} characters; S3 bucket names are " +
                $"{AwsLimits.BucketNameMinLength} to {AwsLimits.BucketNameMaxLength}"));
        }
        else if (!SpecChecks.Matches(bucket, AwsPatterns.BucketName))
        {
            errors.Add(new(field, $"{SpecChecks.Show(bucket)} is not an S3 bucket name: lowercase letters, digits, dots and hyphens, " +
                "beginning and ending with a letter or digit"));
        }
        else if (SpecChecks.Matches(bucket, IpAddressShape))
        {
            errors.Add(new(field, $"{SpecChecks.Show(bucket)} is formatted as an IP address, which S3 bucket names may not be"));
        }
        else if (bucket.Contains("..", StringComparison.Ordinal))
        {
            errors.Add(new(field, $"{SpecChecks.Show(bucket)} has two adjacent dots, which S3 bucket names may not have"));
        }
    }
}
