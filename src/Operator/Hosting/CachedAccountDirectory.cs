using Vpce.Crds;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;

namespace Vpce.Operator.Hosting;

/// <summary>The AwsAccounts and namespace labels from the informers' caches of the two cluster-wide hosts.</summary>
public sealed class CachedAccountDirectory(ControllerHost<AwsAccount> accounts, ControllerHost<KubeNamespace> namespaces) : IAccountDirectory
{
    public AwsAccount? Find(string name) => accounts.Get("", name);

    public IReadOnlyDictionary<string, string>? LabelsOf(string @namespace) =>
        namespaces.Get("", @namespace) is { } found ? found.Metadata.Labels ?? new Dictionary<string, string>() : null;
}
