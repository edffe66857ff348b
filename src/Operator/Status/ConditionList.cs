using Vpce.Crds;

namespace Vpce.Operator.Status;

/// <summary>Sets conditions the Kubernetes way: lastTransitionTime moves only when the status flips.</summary>
public static class ConditionList
{
    public static void Set(List<Condition> conditions, string type, bool status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var statusText = status ? ConditionStatus.True : ConditionStatus.False;
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new Condition
            {
                Type = type, Status = statusText, Reason = reason, Message = message,
                LastTransitionTime = now, ObservedGeneration = generation,
            });
            return;
        }
        if (existing.Status != statusText)
        {
            existing.LastTransitionTime = now;
        }
        existing.Status = statusText;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    public static void Remove(List<Condition> conditions, string type)
    {
        for (var i = conditions.Count - 1; i >= 0; i--)
        {
            if (conditions[i].Type == type)
            {
                conditions.RemoveAt(i);
            }
        }
    }

    // Asked many times a reconcile: a plain loop, with no delegate or enumerator to allocate.
    public static Condition? Find(IEnumerable<Condition>? conditions, string type)
    {
        if (conditions is IReadOnlyList<Condition> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Type == type)
                {
                    return list[i];
                }
            }
            return null;
        }
        foreach (var condition in conditions ?? [])
        {
            if (condition.Type == type)
            {
                return condition;
            }
        }
        return null;
    }

    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;
}
