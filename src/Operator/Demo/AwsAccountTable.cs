using Vpce.Crds;
using Vpce.Operator.Status;

namespace Vpce.Operator.Demo;

/// <summary>Prints AwsAccounts the way `kubectl get awsacct` does, from the CRD's printer columns.</summary>
public static class AwsAccountTable
{
    public static string Render(IEnumerable<AwsAccount> accounts, DateTimeOffset now)
    {
        var rows = new List<string[]> { new[] { "NAME", "ACCOUNT", "ROLE", "READY", "OBJECTS", "AGE" } };
        foreach (var a in accounts.OrderBy(a => a.Metadata.Name, StringComparer.Ordinal))
        {
            rows.Add(
            [
                a.Metadata.Name, a.Spec.AccountId, a.Spec.RoleArn ?? "",
                ConditionList.Find(a.Status?.Conditions, ConditionTypes.Ready)?.Status ?? "",
                a.Status?.Objects.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                KubectlTable.Age(now - (a.Metadata.CreationTimestamp ?? now)),
            ]);
        }
        return KubectlTable.Format(rows);
    }
}
