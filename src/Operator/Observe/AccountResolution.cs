using Vpce.Crds;

namespace Vpce.Operator.Observe;

/// <summary>The account an object acts in: its scope, what its AwsAccount admits (null: the operator's own identity, open
/// to every namespace), the account id when known; or why it may not act anywhere.</summary>
public sealed record AccountResolution(AccountScope? Scope, string? AccountName, AwsAccountSpec? Admission, string? AccountId, ObserveProblem? Problem)
{
    public static AccountResolution Refused(string reason, string message) => new(null, null, null, null, new ObserveProblem(reason, "spec.accountRef", message));
}
