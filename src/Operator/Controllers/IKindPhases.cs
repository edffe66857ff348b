using Vpce.Operator.Runtime;
using Vpce.Operator.Status;

namespace Vpce.Operator.Controllers;

/// <summary>What a kind supplies to the reconcile skeleton, and nothing else: its phases in order, its status builder, when to
/// look again at a settled pass, and how to delete. The skeleton runs them (<see cref="ReconcileSkeleton{T,TStatus,TSync,TPass}"/>).</summary>
public interface IKindPhases<T, TStatus, TSync, TPass> where TSync : SyncResult where TPass : ReconcilePass<T, TSync>
{
    string Kind { get; }

    /// <summary>A new pass over <paramref name="resource"/> (the runtime's own copy: the pass may change it).</summary>
    TPass Begin(T resource);

    IReadOnlyList<ReconcilePhase<TPass>> Phases { get; }

    /// <summary>The status builder, pure: the previous status and the pass → the status to write, its events and metrics.</summary>
    StatusReport<TStatus> Report(TPass pass, DateTimeOffset now);

    /// <summary>When to look again at a pass that was neither refused nor failed.</summary>
    ReconcileResult Next(TPass pass);

    /// <summary>Deletes what the object owns on AWS (deletionPolicy Delete) or leaves it (Retain).</summary>
    Task<DeletionResult<TStatus>> DeleteAsync(T resource, CancellationToken ct);

    /// <summary>The status of a deletion whose AWS call failed.</summary>
    DeletionResult<TStatus> DeletionFailed(T resource, Exception error, DateTimeOffset now);

    /// <summary>The object is gone: drop what the kind keeps of it.</summary>
    void Forget(ResourceKey key);
}
