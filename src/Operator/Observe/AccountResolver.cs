using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>The account phase of both kinds: which account an object acts in, and whether it may. The cluster admin decides
/// (AwsAccount's namespaceSelector); the tenant only names an account. A refusal calls nothing in that account: the
/// AwsAccount and the namespace's labels come from the informers' caches, and the role is assumed only for an admitted
/// object.</summary>
public sealed class AccountResolver(IAccountDirectory directory, AccountScopes scopes, string? defaultAccount)
{
    // The operator's own identity, once STS has named its account: the same answer for every object naming no account, kept
    // so that their reconciles allocate nothing for it.
    private AccountResolution? _own;

    /// <summary>Every object as the operator's own identity (<paramref name="aws"/>), none admitted elsewhere: a controller run
    /// on its own, without the AwsAccount and namespace hosts.</summary>
    public static AccountResolver OwnIdentityOnly(IAwsApis aws, TimeProvider time, TimeSpan window, string? defaultRegion)
    {
        var own = new AccountScope(Observability.AccountLabels.Operator, null, aws, new RegionsInUse(), AccountReads.For(aws, time, window, defaultRegion));
        var credentials = new CredentialCache(aws, defaultRegion ?? "us-east-1", CredentialCache.SessionNameFor("standalone"), time,
            new Observability.OperatorMetrics());
        return new AccountResolver(new NoAccounts(), new AccountScopes(own, credentials, (_, current, _) => aws.ActingAs(current), time, window, defaultRegion), null);
    }

    /// <summary>The account the object names (or the default one), for a reconcile: admission first, then its credentials.</summary>
    /// <param name="renewCredentials">The object's last AWS call failed on its credentials (expired early, revoked).</param>
    public ValueTask<AccountResolution> ResolveAsync(ObjectMetadata metadata, LocalObjectReference? accountRef, CancellationToken ct,
        bool renewCredentials = false)
    {
        var name = NameOf(accountRef);
        if (name is null)
        {
            return _own is { } own ? new(own) : new(OwnAsync(ct));
        }
        return new(NamedAsync(name, metadata, ct, renewCredentials));
    }

    private async Task<AccountResolution> OwnAsync(CancellationToken ct)
    {
        var id = await OwnAccountIdAsync(ct);
        var own = new AccountResolution(scopes.Own, null, null, id, null);
        if (id is not null)
        {
            _own = own;
        }
        return own;
    }

    private async Task<AccountResolution> NamedAsync(string name, ObjectMetadata metadata, CancellationToken ct, bool renewCredentials)
    {
        if (directory.Find(name) is not { } account)
        {
            return AccountResolution.Refused(AccountReasons.AccountNotFound, $"no AwsAccount {name}");
        }
        if (AwsAccountSpecValidator.Validate(account.Spec) is { Count: > 0 })
        {
            return AccountResolution.Refused(AccountReasons.AccountNotAllowed, $"AwsAccount {name} is invalid and admits nothing (see its Ready condition)");
        }
        var @namespace = metadata.Namespace ?? "";
        if (!AccountAdmission.AdmitsNamespace(account.Spec.NamespaceSelector, directory.LabelsOf(@namespace)))
        {
            return AccountResolution.Refused(AccountReasons.AccountNotAllowed,
                $"AwsAccount {name} does not admit namespace {@namespace} (its namespaceSelector does not select it)");
        }
        return await ScopeOfAsync(account, ct, renewCredentials);
    }

    /// <summary>Whether the object's last reconcile failed because AWS refused its account's credentials.</summary>
    public static bool CredentialsRejected(IResourceStatus? status) =>
        status?.Conditions.FirstOrDefault(c => c.Type == ConditionTypes.Synced) is { Status: ConditionStatus.False } synced
        && AwsErrorCodes.IsRejectedCredentials(synced.Reason);

    /// <summary>The account to delete in: the one the object names, admitted or not any more (what it made there is its own
    /// to remove), as long as the AwsAccount exists and its role can be assumed.</summary>
    public async Task<AccountResolution> ForDeletionAsync(LocalObjectReference? accountRef, CancellationToken ct)
    {
        var name = NameOf(accountRef);
        if (name is null)
        {
            return new AccountResolution(scopes.Own, null, null, null, null);
        }
        return directory.Find(name) is { } account
            ? await ScopeOfAsync(account, ct)
            : AccountResolution.Refused(AccountReasons.AccountNotFound, $"no AwsAccount {name} to delete in");
    }

    private string? NameOf(LocalObjectReference? accountRef) =>
        accountRef?.Name is { Length: > 0 } named ? named : defaultAccount is { Length: > 0 } fallback ? fallback : null;

    private async Task<AccountResolution> ScopeOfAsync(AwsAccount account, CancellationToken ct, bool renewCredentials = false)
    {
        var spec = account.Spec;
        if (spec.RoleArn is null)
        {
            // The operator's own credentials, which must act in the account the AwsAccount stands for.
            var own = await OwnAccountIdAsync(ct);
            return own is null || own == spec.AccountId
                ? new AccountResolution(scopes.Own, account.Metadata.Name, spec, spec.AccountId, null)
                : AccountResolution.Refused(AccountReasons.AccountNotAllowed,
                    $"AwsAccount {account.Metadata.Name} stands for account {spec.AccountId}, but the operator's own credentials act in {own}");
        }
        try
        {
            await scopes.Credentials.AssumeAsync(account.Metadata.Name, spec, ct, renewCredentials);
        }
        catch (AccountRefusedException e)
        {
            return AccountResolution.Refused(AccountReasons.AssumeRoleFailed, $"AwsAccount {account.Metadata.Name}: {e.Message}");
        }
        return new AccountResolution(scopes.For(account), account.Metadata.Name, spec, spec.AccountId, null);
    }

    // The own account id is asked of STS once per process; a failure leaves it unknown, never fails the object.
    private async Task<string?> OwnAccountIdAsync(CancellationToken ct)
    {
        try
        {
            return (await scopes.Own.Reads.Identity.GetAsync(ct)).Account;
        }
        catch (Exception e) when (e is AwsApiException or AwsUnavailableException)
        {
            return null;
        }
    }
}
