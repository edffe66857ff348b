using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Resolves the endpoints an EndpointBucketPolicy admits: spec.vpcEndpointRef through the VpcEndpoint cache (its
/// status.endpointId and region), spec.vpcEndpointIds through DescribeVpcEndpoints in the bucket's region (gateway
/// endpoints are regional: an id that is not there can never admit traffic to the bucket). Reads only.</summary>
public sealed class AdmittedEndpointResolver(IEc2Api ec2, Func<string, string, VpcEndpoint?> findVpcEndpoint)
{
    /// <summary>The referenced VpcEndpoint's id and region, from the cache alone (no AWS call).</summary>
    public AdmittedEndpoints ResolveReference(EndpointBucketPolicy resource)
    {
        if (resource.Spec.VpcEndpointRef is not { } reference)
        {
            return new AdmittedEndpoints();
        }
        var @namespace = resource.Metadata.Namespace ?? "";
        var endpoint = findVpcEndpoint(@namespace, reference.Name);
        if (endpoint?.Status is not { EndpointId: { } id } status)
        {
            return new AdmittedEndpoints
            {
                Problem = new(ObserveReasons.EndpointNotReady, "spec.vpcEndpointRef",
                    endpoint is null
                        ? $"VpcEndpoint {@namespace}/{reference.Name} does not exist"
                        : $"VpcEndpoint {@namespace}/{reference.Name} has no endpoint on AWS yet"),
            };
        }
        return new AdmittedEndpoints { ReferencedEndpointId = id, Region = status.Region };
    }

    /// <summary>spec.vpcEndpointIds must be endpoints of the bucket's region.</summary>
    public async Task<ObserveProblem?> CheckExplicitAsync(EndpointBucketPolicySpec spec, string bucketRegion, CancellationToken ct)
    {
        var ids = (spec.VpcEndpointIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return null;
        }
        IReadOnlyList<AwsEndpoint> found;
        try
        {
            found = await ec2.DescribeVpcEndpointsAsync(bucketRegion, new EndpointQuery { EndpointIds = ids }, ct);
        }
        catch (AwsApiException e) when (e.IsNotFound)
        {
            found = [];
        }
        catch (AwsApiException e) when (e.IsMalformed)
        {
            return EndpointReferenceResolver.Malformed("spec.vpcEndpointIds", e);
        }
        var missing = ids.Except(found.Where(e => e.State != EndpointStates.Deleted).Select(e => e.VpcEndpointId)).ToList();
        return missing.Count == 0
            ? null
            : new(BucketPolicyReasons.RegionMismatch, "spec.vpcEndpointIds",
                $"{string.Join(", ", missing)} is not an endpoint in {bucketRegion}, the region of bucket {spec.Bucket}; an endpoint admits only traffic to buckets of its own region");
    }
}
