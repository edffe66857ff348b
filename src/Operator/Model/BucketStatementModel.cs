using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Spec plus the resolved endpoint → the desired statement. Pure: every default is decided here.</summary>
public static class BucketStatementModel
{
    /// <summary>The statement for <paramref name="resource"/>; <paramref name="referencedEndpointId"/> is the id of the
    /// VpcEndpoint spec.vpcEndpointRef names (null when there is no reference), admitted together with spec.vpcEndpointIds.</summary>
    public static DesiredStatement Build(EndpointBucketPolicy resource, string? referencedEndpointId)
    {
        var spec = resource.Spec;
        var endpointIds = (spec.VpcEndpointIds ?? [])
            .Concat(referencedEndpointId is null ? [] : [referencedEndpointId])
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (endpointIds.Count == 0)
        {
            throw new ArgumentException("an EndpointBucketPolicy statement needs at least one endpoint id", nameof(referencedEndpointId));
        }

        // IAM action names are case-insensitive: s3:GetObject and s3:getobject are one action.
        var actions = (spec.Actions ?? [])
            .Where(a => a.Length > 0)
            .DistinctBy(a => a.ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .ToList();

        return new DesiredStatement
        {
            Sid = StatementSids.For(spec.StatementSid, resource.Metadata.Namespace ?? "", resource.Metadata.Name),
            Bucket = spec.Bucket,
            Actions = actions.Count > 0 ? actions : [DesiredStatement.AnyS3Action],
            EndpointIds = endpointIds,
            ExemptPrincipalArns = (spec.ExemptPrincipalArns ?? [])
                .Where(a => a.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList(),
        };
    }
}
