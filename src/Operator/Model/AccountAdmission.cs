using Vpce.Crds;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>What an AwsAccount admits, decided from its spec alone: which namespaces may name it, and the regions, VPCs and
/// buckets their objects may use in it. The cluster admin writes these; a tenant writes only its own objects, so nothing a
/// tenant controls widens them.</summary>
public static class AccountAdmission
{
    /// <summary>metav1.LabelSelector semantics: every matchLabels pair and every expression holds; {} selects every
    /// namespace; a null selector (the field is required) selects none, as Kubernetes' "nothing" selector does.</summary>
    public static bool AdmitsNamespace(LabelSelector? selector, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        if (selector is null)
        {
            return false;
        }
        var labels = namespaceLabels ?? new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(requirement.Key, out var actual);
            var values = requirement.Values ?? [];
            var holds = requirement.Operator switch
            {
                LabelSelectorOperators.In => has && values.Contains(actual!),
                LabelSelectorOperators.NotIn => !has || !values.Contains(actual!),
                LabelSelectorOperators.Exists => has,
                LabelSelectorOperators.DoesNotExist => !has,
                _ => false, // an unknown operator selects nothing (the validator names it)
            };
            if (!holds)
            {
                return false;
            }
        }
        return true;
    }

    public static bool AdmitsRegion(AwsAccountSpec spec, string region) =>
        spec.Regions is not { Count: > 0 } regions || regions.Contains(region, StringComparer.Ordinal);

    /// <summary>Bucket names are lower case; a pattern's * matches any run of characters and ? one.</summary>
    public static bool AdmitsBucket(AwsAccountSpec spec, string bucket) =>
        spec.Buckets is not { Count: > 0 } patterns || patterns.Any(p => IamWildcards.Matches(p, bucket, ignoreCase: false));

    /// <summary>Without vpcIds and vpcSelector every VPC of the account; with vpcIds the VPC is one of them; with a selector
    /// the VPC carries every tag it names.</summary>
    public static bool AdmitsVpc(AwsAccountSpec spec, string vpcId, IReadOnlyDictionary<string, string> vpcTags)
    {
        if (spec.VpcIds is { Count: > 0 } ids && !ids.Contains(vpcId, StringComparer.Ordinal))
        {
            return false;
        }
        return spec.VpcSelector?.Tags is not { Count: > 0 } wanted
            || wanted.All(t => vpcTags.TryGetValue(t.Key, out var value) && value == t.Value);
    }

    /// <summary>Whether the spec restricts VPCs at all (then the VPC's tags must be read before any write).</summary>
    public static bool RestrictsVpcs(AwsAccountSpec spec) =>
        spec.VpcIds is { Count: > 0 } || spec.VpcSelector?.Tags is { Count: > 0 };
}
