namespace Vpce.Tests.Deploy;

/// <summary>values.accounts as an admin writes it: a spoke role with every optional field, and the operator's own account.
/// The chart tests render it; the contract tier applies what it renders to a real API server.</summary>
public static class ChartAccountsValues
{
    public const string Payments = """
        defaultAccount: payments-prod
        accounts:
        - name: payments-prod
          accountId: "222233334444"
          roleArn: arn:aws:iam::222233334444:role/vpce-operator/vpce-operator
          externalId: payments-7f3a
          roleChain: [arn:aws:iam::111111111111:role/vpce-operator/hop]
          sessionTags: {cluster: prod-eu}
          regions: [eu-west-1]
          namespaceSelector: {matchLabels: {team: payments}}
          vpcSelector: {tags: {team: payments}}
          buckets: ["payments-*"]
          endpointServiceOwners: [amazon, "222233334444"]
        - name: own-account
          accountId: "111111111111"
          namespaceSelector: {}
          vpcIds: [vpc-0abc]
        """;
}
