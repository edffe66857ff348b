using Vpce.Crds;

namespace Vpce.Operator.Observe;

/// <summary>The AwsAccounts and namespace labels as the informers' caches hold them now: a label change or a new AwsAccount is
/// seen at the next reconcile, without a restart.</summary>
public interface IAccountDirectory
{
    AwsAccount? Find(string name);

    /// <summary>The namespace's labels; null when no such namespace is known.</summary>
    IReadOnlyDictionary<string, string>? LabelsOf(string @namespace);
}
