using Vpce.Crds;

namespace Vpce.Operator.Observe;

/// <summary>A directory without AwsAccounts or namespaces: every object acts as the operator's own identity, and one that
/// names an account is refused (AccountNotFound). For a controller run on its own, without the account hosts.</summary>
public sealed class NoAccounts : IAccountDirectory
{
    public AwsAccount? Find(string name) => null;

    public IReadOnlyDictionary<string, string>? LabelsOf(string @namespace) => null;
}
