using System.Text.RegularExpressions;
using Vpce.Crds;
using Vpce.Operator.Diff;

namespace Vpce.Operator.Model;

/// <summary>Checks what the spec can be checked for without AWS. The CRD schema says most of this too, but objects from
/// older CRDs, other clients or the in-memory store reach the operator unchecked.</summary>
public static partial class VpcEndpointSpecValidator
{
    public const int MaxPolicyLength = 20480;

    /// <summary>The identity the spec asks for, or the errors that stop it being reconciled.</summary>
    public static (EndpointIdentity? Identity, IReadOnlyList<SpecError> Errors) Validate(VpcEndpointSpec spec, ReconcileSettings settings)
    {
        var errors = new List<SpecError>();
        var region = string.IsNullOrWhiteSpace(spec.Region) ? settings.DefaultRegion : spec.Region.Trim();
        if (string.IsNullOrWhiteSpace(region))
        {
            errors.Add(new("spec.region", "no region given, and the operator has no --region or AWS_REGION"));
        }
        else if (!RegionPattern().IsMatch(region))
        {
            errors.Add(new("spec.region", $"\"{region}\" is not an AWS region name"));
        }

        var hasVpcId = !string.IsNullOrEmpty(spec.VpcId);
        var hasVpcSelector = spec.VpcSelector is not null;
        if (hasVpcId == hasVpcSelector)
        {
            errors.Add(new("spec.vpcId", "exactly one of spec.vpcId and spec.vpcSelector must be set"));
        }
        CheckId(errors, "spec.vpcId", spec.VpcId, "vpc");
        CheckSelector(errors, "spec.vpcSelector", spec.VpcSelector);

        string? serviceName = null;
        if (string.IsNullOrWhiteSpace(spec.ServiceName))
        {
            errors.Add(new("spec.serviceName", "is required"));
        }
        else if (region is not null && RegionPattern().IsMatch(region))
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
        type ??= serviceName is null ? null : ServiceNames.DefaultType(serviceName);

        if (type == EndpointTypes.Gateway)
        {
            Forbid(errors, "spec.subnetIds", spec.SubnetIds is { Count: > 0 }, "Gateway");
            Forbid(errors, "spec.subnetSelector", spec.SubnetSelector is not null, "Gateway");
            Forbid(errors, "spec.securityGroupIds", spec.SecurityGroupIds is { Count: > 0 }, "Gateway");
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

        CheckIds(errors, "spec.routeTableIds", spec.RouteTableIds, "rtb");
        CheckIds(errors, "spec.subnetIds", spec.SubnetIds, "subnet");
        CheckIds(errors, "spec.securityGroupIds", spec.SecurityGroupIds, "sg");
        CheckId(errors, "spec.endpointId", spec.EndpointId, "vpce");
        CheckSelector(errors, "spec.routeTableSelector", spec.RouteTableSelector);
        CheckSelector(errors, "spec.subnetSelector", spec.SubnetSelector);

        if (spec.PolicyDocument is not null)
        {
            if (spec.PolicyDocument.Length > MaxPolicyLength)
            {
                errors.Add(new("spec.policyDocument", $"is {spec.PolicyDocument.Length} characters; AWS allows {MaxPolicyLength}"));
            }
            else if (!PolicyDocument.TryValidate(spec.PolicyDocument, out var policyError))
            {
                errors.Add(new("spec.policyDocument", $"is not a valid policy document: {policyError}"));
            }
        }

        foreach (var (key, value) in spec.Tags ?? [])
        {
            if (OwnershipTags.IsReserved(key))
            {
                errors.Add(new($"spec.tags[{key}]", "keys starting with aws: or vpce.io/ are reserved"));
            }
            else if (key.Length is 0 or > 128 || value.Length > 256)
            {
                errors.Add(new($"spec.tags[{key}]", "tag keys are 1-128 characters and values at most 256"));
            }
        }

        CheckEnum(errors, "spec.associationMode", spec.AssociationMode, AssociationModes.Exclusive, AssociationModes.Additive);
        CheckEnum(errors, "spec.deletionPolicy", spec.DeletionPolicy, DeletionPolicies.Delete, DeletionPolicies.Retain);
        CheckEnum(errors, "spec.driftPolicy", spec.DriftPolicy, DriftPolicies.Correct, DriftPolicies.Report);

        var identity = errors.Count == 0 && region is not null && serviceName is not null && type is not null
            ? new EndpointIdentity(region, serviceName, type)
            : null;
        return (identity, errors);
    }

    private static void Forbid(List<SpecError> errors, string field, bool present, string type)
    {
        if (present)
        {
            errors.Add(new(field, $"does not apply to a {type} endpoint"));
        }
    }

    private static void CheckIds(List<SpecError> errors, string field, List<string>? ids, string prefix)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            CheckId(errors, $"{field}[{i}]", ids![i], prefix);
        }
    }

    private static void CheckId(List<SpecError> errors, string field, string? id, string prefix)
    {
        if (id is not null && !Regex.IsMatch(id, $"^{prefix}-[0-9a-f]+$"))
        {
            errors.Add(new(field, $"\"{id}\" is not a {prefix}- id"));
        }
    }

    private static void CheckSelector(List<SpecError> errors, string field, TagSelector? selector)
    {
        if (selector is not null && selector.Tags.Count == 0)
        {
            errors.Add(new($"{field}.tags", "a selector needs at least one tag"));
        }
    }

    private static void CheckEnum(List<SpecError> errors, string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            errors.Add(new(field, $"\"{value}\" is not one of {string.Join(", ", allowed)}"));
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
