namespace Vpce.Tests.Component.CrashSweep;

/// <summary>A script the crash-point sweep runs again and again, crashing the operator after each of its mutating calls in
/// turn. The scenario states what must hold once a fresh operator has settled.</summary>
public interface ICrashScenario
{
    string Name { get; }

    /// <summary>What is in the account before the operator starts (foreign statements, endpoints made by others).</summary>
    Task SetUpAsync(SweepWorld world);

    /// <summary>The steps, each an action on the store or on AWS behind the operator's back; the sweep lets the operator
    /// settle after each.</summary>
    IReadOnlyList<SweepStep> Steps { get; }

    /// <summary>A spec change while the operator is down.</summary>
    void Edit(SweepWorld world);

    /// <summary>True when the object is still in the store (it may be deleting).</summary>
    bool Exists(SweepWorld world);

    /// <summary>kubectl delete, while the operator is down or at the end.</summary>
    void Delete(SweepWorld world);

    /// <summary>Null when everything holds, else what does not: with the object present, it is Ready, never in conflict
    /// with its own work, and AWS matches its spec with every foreign thing kept; with it gone, nothing of it is left.</summary>
    string? Violation(SweepWorld world);
}
