using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Vpce.Operator.Model;

/// <summary>Results of a pure function of a snapshot value (a VPC's route tables, ACLs or groups as one regional read gave
/// them, never changed afterwards) and a small key, kept with that value and gone with it: every object of a VPC asks the
/// same questions of the same read, so each is answered once per read instead of once per reconcile. The source is held by
/// reference: a new read is a new source, answered afresh.</summary>
public sealed class SnapshotMemo<TSource, TKey, TValue> where TSource : class where TKey : notnull
{
    private readonly ConditionalWeakTable<TSource, ConcurrentDictionary<TKey, TValue>> _answers = new();

    // A read is asked a handful of questions, and a new read comes every window for every VPC: one lock and room for a few
    // answers, not the default's lock per core and 31 buckets, which the objects of a small cluster paid for in every window.
    public TValue Get(TSource source, TKey key, Func<TSource, TKey, TValue> compute) =>
        _answers.GetValue(source, static _ => new ConcurrentDictionary<TKey, TValue>(concurrencyLevel: 1, capacity: 4))
            .GetOrAdd(key, static (k, s) => s.Compute(s.Source, k), (Source: source, Compute: compute));
}
