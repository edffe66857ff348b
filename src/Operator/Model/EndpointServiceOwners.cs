using Vpce.Crds;

namespace Vpce.Operator.Model;

/// <summary>Whose endpoint services an interface endpoint may reach: a PrivateLink path to a service in an account outside
/// the organisation is an exfiltration route, so the owner DescribeVpcEndpointServices names must be admitted before any
/// create. AwsAccount.spec.endpointServiceOwners says who; empty (and for objects without an AwsAccount) it is
/// <c>amazon</c> and the account the operator acts in.</summary>
public static class EndpointServiceOwners
{
    public const string Amazon = "amazon";

    /// <summary>The owners admitted: the AwsAccount's list, else the operator's default (run --endpoint-service-owner), else
    /// amazon and <paramref name="accountId"/>.</summary>
    public static IReadOnlyList<string> Admitted(AwsAccountSpec? account, string? accountId, IReadOnlyList<string>? defaults = null) =>
        account?.EndpointServiceOwners is { Count: > 0 } listed ? listed
        : defaults is { Count: > 0 } ? defaults
        : accountId is null ? [Amazon] : [Amazon, accountId];

    /// <summary>amazon, or a 12-digit account id.</summary>
    public static bool IsOwner(string owner) => SpecChecks.Matches(owner, AwsPatterns.EndpointServiceOwner);

    /// <summary>Null when the service's owner is admitted; otherwise the refusal's message (reason
    /// <see cref="ReadyReasons.ServiceOwnerNotAllowed"/>), naming the owner and the service. A service
    /// whose owner AWS did not say is taken as AWS's own only when its name is one of AWS's (com.amazonaws.REGION.name);
    /// a PrivateLink name (com.amazonaws.vpce.REGION.vpce-svc-…) without an owner is refused.</summary>
    public static string? Check(AwsAccountSpec? account, string? accountId, string serviceName, string? owner, IReadOnlyList<string>? defaults = null)
    {
        var admitted = Admitted(account, accountId, defaults);
        var known = owner ?? (IsPrivateLinkName(serviceName) ? null : Amazon);
        if (known is not null && admitted.Contains(known, StringComparer.Ordinal))
        {
            return null;
        }
        var who = known is null ? "an owner AWS did not name" : $"owner {known}";
        var where = account?.EndpointServiceOwners is { Count: > 0 } ? "the AwsAccount's spec.endpointServiceOwners"
            : defaults is { Count: > 0 } ? "the operator's --endpoint-service-owner" : "the default (amazon and the account itself)";
        return $"spec.serviceName: {serviceName} has {who}; only services owned by {string.Join(", ", admitted)} may be reached ({where}); nothing is created";
    }

    private static bool IsPrivateLinkName(string serviceName) =>
        serviceName.StartsWith("com.amazonaws.vpce.", StringComparison.Ordinal) || serviceName.Contains(".vpce-svc-", StringComparison.Ordinal);
}
