using Vpce.Crds;

namespace Vpce.Operator.Status;

/// <summary>Sets conditions the Kubernetes way: lastTransitionTime moves only when the status flips.</summary>
public static class ConditionList
{
    public static void Set(List<Condition> conditions, string type, bool status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var statusText = status ? ConditionStatus.True : ConditionStatus.False;
        var existing = conditions.FirstOrDefault(c => c.Type == type);
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

    public static void Remove(List<Condition> conditions, string type) => conditions.RemoveAll(c => c.Type == type);

    public static Condition? Find(IEnumerable<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;
}
