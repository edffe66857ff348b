namespace Vpce.Tests.Deploy;

/// <summary>One authorization question IAM answers for an AWS call: an action on one resource, with the request's context keys
/// (aws:RequestTag/KEY, aws:ResourceTag/KEY, aws:TagKeys, ec2:CreateAction).</summary>
public sealed record IamRequest(string Action, string Resource, IReadOnlyDictionary<string, IReadOnlyList<string>> Context)
{
    public static IamRequest Of(string action, string resource, params (string Key, string Value)[] context) =>
        new(action, resource, context.GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Value).ToList(), StringComparer.OrdinalIgnoreCase));
}
