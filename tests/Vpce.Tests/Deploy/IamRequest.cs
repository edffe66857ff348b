namespace Vpce.Tests.Deploy;

/// <summary>One authorization question IAM answers for an AWS call: an action on one resource, with the request's context keys
/// (aws:RequestTag/KEY, aws:ResourceTag/KEY, aws:TagKeys, aws:PrincipalAccount, ec2:CreateAction, ec2:VpceServiceOwner:
/// amazon, aws-marketplace or the account ID that owns the endpoint service a CreateVpcEndpoint names, sts:ExternalId,
/// sts:RoleSessionName) and, for a
/// resource policy such as a role's trust policy, the calling principal's ARN.</summary>
public sealed record IamRequest(string Action, string Resource, IReadOnlyDictionary<string, IReadOnlyList<string>> Context, string? Principal = null)
{
    public static IamRequest Of(string action, string resource, params (string Key, string Value)[] context) =>
        new(action, resource, context.GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Value).ToList(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The same request made by <paramref name="principal"/>.</summary>
    public IamRequest By(string principal) => this with { Principal = principal };
}
