using Vpce.Crds;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Component.Accounts;

/// <summary>AwsAccounts, labelled namespaces and objects naming them, for the account tests.</summary>
public static class AccountBed
{
    public static AwsAccount Account(string name, string accountId = DemoAccount.AccountId, string? roleArn = null,
        Dictionary<string, string>? namespaceLabels = null, Action<AwsAccountSpec>? change = null)
    {
        var account = new AwsAccount
        {
            Metadata = new ObjectMetadata { Name = name },
            Spec = new AwsAccountSpec
            {
                AccountId = accountId,
                RoleArn = roleArn,
                NamespaceSelector = new LabelSelector { MatchLabels = namespaceLabels ?? new() { ["team"] = "payments" } },
            },
        };
        change?.Invoke(account.Spec);
        return account;
    }

    public static VpcEndpoint Named(VpcEndpoint endpoint, string account)
    {
        endpoint.Spec.AccountRef = new LocalObjectReference { Name = account };
        return endpoint;
    }

    public static EndpointBucketPolicy Policy(string bucket, string? account, string name = "reports", string endpoint = "s3",
        params string[] exempt)
    {
        return new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = name, Namespace = Testbed.Ns },
            Spec = new EndpointBucketPolicySpec
            {
                Bucket = bucket,
                AccountRef = account is null ? null : new LocalObjectReference { Name = account },
                VpcEndpointRef = new LocalObjectReference { Name = endpoint },
                ExemptPrincipalArns = exempt.Length > 0 ? [.. exempt] : ["arn:aws:iam::123456789012:user/vpce-simulator"],
            },
        };
    }

    public static Condition? Condition(ICustomResource? resource, string type) =>
        resource?.Status?.Conditions.FirstOrDefault(c => c.Type == type);
}
