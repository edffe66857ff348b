using System.Collections.Concurrent;
using Vpce.Crds;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The scope of the operator's own identity and one per AwsAccount in use, each made once and kept while its role
/// stays the same: everything per region today (snapshot, pacing, region bookkeeping) is per account and region this way.</summary>
public sealed class AccountScopes(AccountScope own, CredentialCache credentials, AccountApisFactory factory, TimeProvider time,
    TimeSpan window, string? defaultRegion)
{
    private readonly ConcurrentDictionary<string, (string Role, AccountScope Scope)> _scopes = new(StringComparer.Ordinal);

    public AccountScope Own { get; } = own;

    public CredentialCache Credentials { get; } = credentials;

    /// <summary>The scopes made so far (the own one first).</summary>
    public IReadOnlyList<AccountScope> All => [Own, .. _scopes.Values.Select(s => s.Scope)];

    /// <summary>The account's scope. Without a roleArn the account is the operator's own identity under the AwsAccount's
    /// admission: the own scope's ports, pacing and reads.</summary>
    public AccountScope For(AwsAccount account)
    {
        var name = account.Metadata.Name;
        if (account.Spec.RoleArn is null)
        {
            return Own;
        }
        var role = CredentialCache.KeyOf(account.Spec);
        if (_scopes.TryGetValue(name, out var kept) && kept.Role == role)
        {
            return kept.Scope;
        }
        var regions = new RegionsInUse();
        var aws = factory(name, Credentials.Source(account.Spec), regions);
        var scope = new AccountScope(name, name, aws, regions, AccountReads.For(aws, time, window, defaultRegion));
        _scopes[name] = (role, scope);
        return scope;
    }

    /// <summary>The AwsAccount is gone: its scope and its credentials.</summary>
    public void Forget(AwsAccount account)
    {
        if (_scopes.TryRemove(account.Metadata.Name, out var gone))
        {
            // Its own clients (an assumed role's SDK clients) go with it.
            (gone.Scope.Aws as IDisposable)?.Dispose();
        }
        if (account.Spec.RoleArn is not null)
        {
            Credentials.Forget(account.Metadata.Name, account.Spec);
        }
    }

}
