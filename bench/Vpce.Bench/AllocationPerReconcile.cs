using System.Globalization;

namespace Vpce.Bench;

/// <summary>Bytes allocated per clean reconcile: what the whole process allocated over a phase in which nothing drifted and
/// nothing was written, divided by the reconciles vpce_reconcile_total counted in it. Everything else the phase did is
/// charged to them: in the steady hour the regional reads and the simulator answering them, so that figure bounds a
/// reconcile's cost from above; in the full clean resync (no AWS call, no time passing) little but the reconciles runs.</summary>
public static class AllocationPerReconcile
{
    /// <summary>Null when the phase counted no reconcile.</summary>
    public static double? Of(long allocatedBefore, long allocatedAfter, int reconciles)
    {
        // GC.GetTotalAllocatedBytes only grows: a smaller second reading is the caller's mistake, not a figure.
        if (allocatedAfter < allocatedBefore)
            throw new ArgumentException($"allocated bytes went down, from {allocatedBefore} to {allocatedAfter}", nameof(allocatedAfter));
        ArgumentOutOfRangeException.ThrowIfNegative(reconciles);
        return reconciles == 0 ? null : (allocatedAfter - allocatedBefore) / (double)reconciles;
    }

    /// <summary>"87.7 KiB"; a dash for no figure.</summary>
    public static string Text(double? bytes) =>
        bytes is { } b ? (b / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KiB" : "–";
}
