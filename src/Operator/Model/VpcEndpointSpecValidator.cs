using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Checks what the spec can be checked for without AWS. The CRD schema says most of this too, but objects from
/// older CRDs, other clients or the in-memory store reach the operator unchecked.</summary>
public static class VpcEndpointSpecValidator
{
    // Said the same on every reconcile: written once.
    private static readonly string TagsBound = $"at most {AwsLimits.UserTagsPerEndpoint} besides the operator's {AwsLimits.OwnershipTags} ownership tags " +
        $"(AWS allows {AwsLimits.TagsPerResource} per resource)";
    private static readonly string SelectorTagsBound = $"at most {AwsLimits.SelectorTags}, as many user tags as AWS allows on a resource";

    /// <summary>The errors that stop the spec being reconciled; none when it may be. The defaults it checks against (the
    /// region, the full service name, the type) are <see cref="EndpointModel"/>'s.</summary>
    public static IReadOnlyList<SpecError> Validate(VpcEndpointSpec spec, ReconcileSettings settings)
    {
        var errors = new List<SpecError>();
        var region = EndpointModel.Region(spec, settings);
        if (string.IsNullOrWhiteSpace(region))
        {
            errors.Add(new("spec.region", "no region given, and the operator has no --region or AWS_REGION"));
        }
        else if (!SpecChecks.Matches(region, AwsPatterns.Region))
        {
            errors.Add(new("spec.region", $"{SpecChecks.Show(region)} is not an AWS region name"));
        }

        var hasVpcId = !string.IsNullOrEmpty(spec.VpcId);
        var hasVpcSelector = spec.VpcSelector is not null;
        if (hasVpcId == hasVpcSelector)
        {
            errors.Add(new("spec.vpcId", "exactly one of spec.vpcId and spec.vpcSelector must be set"));
        }
        SpecChecks.Pattern(errors, "spec.vpcId", spec.VpcId, AwsPatterns.VpcId, "a vpc- id");
        CheckSelector(errors, "spec.vpcSelector.tags", spec.VpcSelector);

        string? serviceName = null;
        if (string.IsNullOrWhiteSpace(spec.ServiceName))
        {
            errors.Add(new("spec.serviceName", "is required"));
        }
        else if (region is not null && SpecChecks.Matches(region, AwsPatterns.Region))
        {
            serviceName = ServiceNames.Resolve(spec.ServiceName, region, out var serviceError);
            if (serviceName is null)
            {
                errors.Add(new("spec.serviceName", serviceError));
            }
        }

        var type = spec.Type;
        if (type is not null && type is not EndpointTypes.Gateway and not EndpointTypes.Interface)
        {
            errors.Add(new("spec.type", $"\"{type}\" is not Gateway or Interface"));
        }
        type = EndpointModel.Type(spec, serviceName);

        if (type == EndpointTypes.Gateway)
        {
            Forbid(errors, "spec.securityGroupIds", spec.SecurityGroupIds is { Count: > 0 }, "Gateway");
            Forbid(errors, "spec.securityGroupSelector", spec.SecurityGroupSelector is not null, "Gateway");
            Forbid(errors, "spec.privateDnsEnabled", spec.PrivateDnsEnabled is not null, "Gateway");
        }
        else if (type == EndpointTypes.Interface)
        {
            Forbid(errors, "spec.routeTableIds", spec.RouteTableIds is { Count: > 0 }, "Interface");
            Forbid(errors, "spec.routeTableSelector", spec.RouteTableSelector is not null, "Interface");
            if (spec.SubnetIds is not { Count: > 0 } && spec.SubnetSelector is null)
            {
                errors.Add(new("spec.subnetIds", "an Interface endpoint needs subnets: set spec.subnetIds or spec.subnetSelector"));
            }
        }

        SpecChecks.Items(errors, "spec.routeTableIds", spec.RouteTableIds, AwsLimits.RouteTablesPerEndpoint, "route tables",
            AwsPatterns.RouteTableId, "an rtb- id");
        SpecChecks.Items(errors, "spec.subnetIds", spec.SubnetIds, AwsLimits.SubnetsPerEndpoint, "subnets",
            AwsPatterns.SubnetId, "a subnet- id");
        SpecChecks.Items(errors, "spec.securityGroupIds", spec.SecurityGroupIds, AwsLimits.SecurityGroupsPerEndpoint, "security groups",
            AwsPatterns.SecurityGroupId, "an sg- id");
        SpecChecks.Pattern(errors, "spec.endpointId", spec.EndpointId, AwsPatterns.EndpointId, "a vpce- id");
        CheckSelector(errors, "spec.routeTableSelector.tags", spec.RouteTableSelector);
        CheckSelector(errors, "spec.subnetSelector.tags", spec.SubnetSelector);
        CheckSelector(errors, "spec.securityGroupSelector.tags", spec.SecurityGroupSelector);

        if (spec.PolicyDocument is not null)
        {
            if (spec.PolicyDocument.Length > AwsLimits.EndpointPolicyMaxLength)
            {
                errors.Add(new("spec.policyDocument", $"is {spec.PolicyDocument.Length} characters; AWS allows {AwsLimits.EndpointPolicyMaxLength}"));
            }
            else if (!PolicyDocument.TryValidate(spec.PolicyDocument, out var policyError))
            {
                errors.Add(new("spec.policyDocument", $"is not a valid policy document: {policyError}"));
            }
        }

        SpecChecks.Tags(errors, "spec.tags", spec.Tags, AwsLimits.UserTagsPerEndpoint, TagsBound, refuseReserved: true);

        CheckExport(errors, spec.Export);

        SpecChecks.Enum(errors, "spec.associationMode", spec.AssociationMode, AssociationModes.Exclusive, AssociationModes.Additive);
        SpecChecks.Enum(errors, "spec.deletionPolicy", spec.DeletionPolicy, DeletionPolicies.Delete, DeletionPolicies.Retain);
        SpecChecks.Enum(errors, "spec.driftPolicy", spec.DriftPolicy, DriftPolicies.Correct, DriftPolicies.Report);

        return errors;
    }

    private static void CheckExport(List<SpecError> errors, EndpointExport? export)
    {
        if (export is null)
        {
            return;
        }
        var name = export.ConfigMapName;
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new("spec.export.configMapName", "is required"));
        }
        else if (name.Length > KubeNames.Dns1123SubdomainMaxLength)
        {
            errors.Add(new("spec.export.configMapName", $"is {name.Length} characters; a ConfigMap name has at most {KubeNames.Dns1123SubdomainMaxLength}"));
        }
        else
        {
            SpecChecks.Pattern(errors, "spec.export.configMapName", name, KubeNames.Dns1123Subdomain,
                "a ConfigMap name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)");
        }
    }

    private static void Forbid(List<SpecError> errors, string field, bool present, string type)
    {
        if (present)
        {
            errors.Add(new(field, $"does not apply to a {type} endpoint"));
        }
    }

    private static void CheckSelector(List<SpecError> errors, string tagsField, TagSelector? selector)
    {
        if (selector is null)
        {
            return;
        }
        if (selector.Tags is not { Count: > 0 })
        {
            errors.Add(new(tagsField, "a selector needs at least one tag"));
            return;
        }
        // aws: keys are fine here: a selector may match the tags AWS puts on resources (aws:cloudformation:stack-name).
        SpecChecks.Tags(errors, tagsField, selector.Tags, AwsLimits.SelectorTags, SelectorTagsBound, refuseReserved: false);
    }
}
