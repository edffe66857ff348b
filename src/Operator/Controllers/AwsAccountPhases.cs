using Microsoft.Extensions.Logging;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Operator.Observe;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;
using Vpce.Ports.Kube;

namespace Vpce.Operator.Controllers;

/// <summary>The AwsAccount kind's phases: validate → assume the role (or check the operator's own identity) and ask STS who
/// the credentials act as → count the objects naming it. Looked at again before its credentials need refreshing, so they are
/// fresh before an object asks. Its deletion waits, with a Warning naming them, until no object names it.</summary>
public sealed class AwsAccountPhases : IKindPhases<AwsAccount, AwsAccountStatus, AccountSyncResult, AwsAccountPass>
{
    /// <summary>How often a deletion held by objects naming the account looks again (their deletion also queues it).</summary>
    public static readonly TimeSpan HeldDeletionRecheck = TimeSpan.FromSeconds(30);

    private readonly AccountScopes _scopes;
    private readonly Func<string, IReadOnlyList<string>> _namedBy;
    private readonly TimeProvider _time;

    /// <param name="namedBy">The objects naming an account now ("Kind namespace/name"), from the informers' caches.</param>
    public static ReconcileSkeleton<AwsAccount, AwsAccountStatus, AccountSyncResult, AwsAccountPass> Controller(AccountScopes scopes,
        Func<string, IReadOnlyList<string>> namedBy, IResourceClient<AwsAccount> client, IEventRecorder events,
        Observability.OperatorMetrics metrics, TimeProvider time, ILogger logger) =>
        new(_ => new AwsAccountPhases(scopes, namedBy, time), client, events, metrics, time, logger);

    private AwsAccountPhases(AccountScopes scopes, Func<string, IReadOnlyList<string>> namedBy, TimeProvider time)
    {
        _scopes = scopes;
        _namedBy = namedBy;
        _time = time;
        Phases =
        [
            new("validate", ValidateAsync),
            new("assume", AssumeAsync),
            new("count", CountAsync, AfterStop: true),
        ];
    }

    public string Kind => AwsAccount.KindName;

    public IReadOnlyList<ReconcilePhase<AwsAccountPass>> Phases { get; }

    public AwsAccountPass Begin(AwsAccount resource) => new(resource);

    public StatusReport<AwsAccountStatus> Report(AwsAccountPass pass, DateTimeOffset now) =>
        AwsAccountStatusBuilder.Build(pass.Resource.Status, pass.Resource.Metadata.Generation, now, pass.Sync);

    public ReconcileResult Next(AwsAccountPass pass)
    {
        if (pass.Sync.CredentialsExpireAt is not { } expiry)
        {
            return ReconcileResult.Done;
        }
        // Back when the credentials are due for a refresh: the account's objects then find them fresh.
        var due = expiry - CredentialCache.RefreshBefore - _time.GetUtcNow();
        return ReconcileResult.After(due > TimeSpan.FromMinutes(1) ? due : TimeSpan.FromMinutes(1));
    }

    public Task<DeletionResult<AwsAccountStatus>> DeleteAsync(AwsAccount resource, CancellationToken ct)
    {
        var named = _namedBy(resource.Metadata.Name);
        if (named.Count == 0)
        {
            _scopes.Forget(resource);
            return Task.FromResult(DeletionResult<AwsAccountStatus>.Finished([]));
        }
        var shown = string.Join(", ", named.Take(10)) + (named.Count > 10 ? $" and {named.Count - 10} more" : "");
        var sync = new AccountSyncResult
        {
            Outcome = SyncOutcome.Unchanged,
            AccountId = resource.Status?.AccountId,
            AssumedArn = resource.Status?.AssumedArn,
            CredentialsExpireAt = resource.Status?.CredentialsExpireAt,
            Objects = named.Count,
            Notes = [new(EventTypes.Warning, AccountReasons.StillNamed, $"deletion waits: {named.Count} objects still name this AwsAccount: {shown}")],
        };
        var report = AwsAccountStatusBuilder.Build(resource.Status, resource.Metadata.Generation, _time.GetUtcNow(), sync);
        return Task.FromResult(DeletionResult<AwsAccountStatus>.Pending(report, ReconcileResult.After(HeldDeletionRecheck)));
    }

    public DeletionResult<AwsAccountStatus> DeletionFailed(AwsAccount resource, Exception error, DateTimeOffset now) =>
        DeletionResult<AwsAccountStatus>.Pending(AwsAccountStatusBuilder.Build(resource.Status, resource.Metadata.Generation, now,
            new AccountSyncResult { Outcome = SyncOutcome.AwsFailed, Error = error }), ReconcileResult.Backoff());

    public void Forget(ResourceKey key)
    {
    }

    private static ValueTask<PhaseStep> ValidateAsync(AwsAccountPass pass, CancellationToken ct) =>
        ValueTask.FromResult(AwsAccountSpecValidator.Validate(pass.Resource.Spec) is { Count: > 0 } errors
            ? pass.Refuse(new(ReadyReasons.InvalidSpec, string.Join("; ", errors)))
            : PhaseStep.Next);

    private async ValueTask<PhaseStep> AssumeAsync(AwsAccountPass pass, CancellationToken ct)
    {
        var account = pass.Resource;
        var spec = account.Spec;
        AssumedRole? assumed = null;
        if (spec.RoleArn is not null)
        {
            try
            {
                assumed = await _scopes.Credentials.AssumeAsync(account.Metadata.Name, spec, ct);
            }
            catch (AccountRefusedException e)
            {
                // Not the spec's fault: the role's trust or STS. Tried again with backoff, not only when the object changes.
                pass.Fail(e);
                return PhaseStep.Stop;
            }
        }
        var scope = _scopes.For(account);
        var identity = await scope.Reads.Identity.GetAsync(ct);
        if (identity.Account != spec.AccountId)
        {
            var who = spec.RoleArn is null ? "the operator's own credentials act" : $"role {spec.RoleArn} acts";
            return pass.Refuse(new(AccountReasons.AccountMismatch, $"spec.accountId is {spec.AccountId}, but {who} in account {identity.Account}"));
        }
        pass.Sync = pass.Sync with
        {
            AccountId = identity.Account,
            AssumedArn = assumed?.AssumedRoleArn,
            CredentialsExpireAt = assumed?.Credentials.Expiration,
        };
        return PhaseStep.Next;
    }

    private ValueTask<PhaseStep> CountAsync(AwsAccountPass pass, CancellationToken ct)
    {
        pass.Sync = pass.Sync with { Objects = _namedBy(pass.Resource.Metadata.Name).Count };
        return ValueTask.FromResult(PhaseStep.Next);
    }
}
