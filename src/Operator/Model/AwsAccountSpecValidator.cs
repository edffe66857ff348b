using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>An AwsAccount's spec as the CRD schema says it, for clusters and clients that skip the schema, and what the
/// schema cannot say: the role lives in the account it stands for, and a selector's operators take the values they need.</summary>
public static class AwsAccountSpecValidator
{
    public static IReadOnlyList<SpecError> Validate(AwsAccountSpec spec)
    {
        var errors = new List<SpecError>();
        if (string.IsNullOrEmpty(spec.AccountId))
        {
            errors.Add(new("spec.accountId", "required"));
        }
        SpecChecks.Pattern(errors, "spec.accountId", spec.AccountId is { Length: > 0 } id ? id : null, AwsPatterns.AccountId, "a 12-digit account id");
        SpecChecks.Pattern(errors, "spec.roleArn", spec.RoleArn, AwsPatterns.RoleArn, "an IAM role ARN");
        if (spec.RoleArn is { } role && SpecChecks.Matches(role, AwsPatterns.RoleArn) && AccountOf(role) != spec.AccountId)
        {
            errors.Add(new("spec.roleArn", $"the role is in account {AccountOf(role)}, not in spec.accountId {SpecChecks.Show(spec.AccountId)}"));
        }
        if (spec.ExternalId is { } externalId
            && (externalId.Length is < AwsLimits.ExternalIdMinLength or > AwsLimits.ExternalIdMaxLength || !SpecChecks.Matches(externalId, AwsPatterns.ExternalId)))
        {
            errors.Add(new("spec.externalId", $"{AwsLimits.ExternalIdMinLength}-{AwsLimits.ExternalIdMaxLength} characters of letters, digits and _+=,.@:/-"));
        }
        if (spec.RoleArn is null && (spec.RoleChain is { Count: > 0 } || spec.ExternalId is not null || spec.SessionTags is { Count: > 0 }))
        {
            errors.Add(new("spec.roleArn", "required with roleChain, externalId or sessionTags"));
        }
        SpecChecks.Items(errors, "spec.roleChain", spec.RoleChain, AwsLimits.RoleChainLength, "roles", AwsPatterns.RoleArn, "an IAM role ARN");
        SpecChecks.Tags(errors, "spec.sessionTags", spec.SessionTags, AwsLimits.SessionTags, $"at most {AwsLimits.SessionTags}", refuseReserved: false);
        SpecChecks.Items(errors, "spec.regions", spec.Regions, AwsLimits.RegionsPerAccount, "regions", AwsPatterns.Region, "a region name");
        SpecChecks.Items(errors, "spec.vpcIds", spec.VpcIds, AwsLimits.VpcIdsPerAccount, "VPC ids", AwsPatterns.VpcId, "a VPC id");
        SpecChecks.Items(errors, "spec.buckets", spec.Buckets, AwsLimits.BucketPatternsPerAccount, "bucket patterns", AwsPatterns.BucketNamePattern,
            "a bucket name pattern");
        SpecChecks.Items(errors, "spec.endpointServiceOwners", spec.EndpointServiceOwners, AwsLimits.EndpointServiceOwnersPerAccount,
            "owners", AwsPatterns.EndpointServiceOwner, "amazon or a 12-digit account id");
        if (spec.VpcIds is { Count: > 0 } && spec.VpcSelector is not null)
        {
            errors.Add(new("spec.vpcSelector", "set at most one of vpcSelector and vpcIds"));
        }
        SpecChecks.Tags(errors, "spec.vpcSelector.tags", spec.VpcSelector?.Tags, AwsLimits.SelectorTags, $"at most {AwsLimits.SelectorTags}", refuseReserved: false);
        if (spec.NamespaceSelector is null)
        {
            errors.Add(new("spec.namespaceSelector", "required ({} admits every namespace)"));
        }
        else
        {
            Selector(errors, spec.NamespaceSelector);
        }
        return errors;
    }

    /// <summary>The account of an IAM ARN (arn:PARTITION:iam::ACCOUNT:...).</summary>
    public static string AccountOf(string arn) => arn.Split(':') is { Length: >= 5 } parts ? parts[4] : "";

    private static void Selector(List<SpecError> errors, LabelSelector selector)
    {
        var expressions = selector.MatchExpressions ?? [];
        if (expressions.Count + (selector.MatchLabels?.Count ?? 0) > KubeNames.SelectorTerms * 2)
        {
            errors.Add(new("spec.namespaceSelector", $"more than {KubeNames.SelectorTerms * 2} terms"));
            return;
        }
        for (var i = 0; i < expressions.Count; i++)
        {
            var field = $"spec.namespaceSelector.matchExpressions[{i}]";
            var requirement = expressions[i];
            var values = requirement.Values?.Count ?? 0;
            switch (requirement.Operator)
            {
                case LabelSelectorOperators.In or LabelSelectorOperators.NotIn when values == 0:
                    errors.Add(new($"{field}.values", $"{requirement.Operator} needs at least one value"));
                    break;
                case LabelSelectorOperators.Exists or LabelSelectorOperators.DoesNotExist when values > 0:
                    errors.Add(new($"{field}.values", $"{requirement.Operator} takes no values"));
                    break;
                case LabelSelectorOperators.In or LabelSelectorOperators.NotIn or LabelSelectorOperators.Exists or LabelSelectorOperators.DoesNotExist:
                    break;
                default:
                    errors.Add(new($"{field}.operator", $"{SpecChecks.Show(requirement.Operator)} is not one of In, NotIn, Exists, DoesNotExist"));
                    break;
            }
            if (string.IsNullOrEmpty(requirement.Key))
            {
                errors.Add(new($"{field}.key", "required"));
            }
        }
    }
}
