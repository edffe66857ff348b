namespace Vpce.Bench;

/// <summary>What one size measured in its own process (sent to the parent as one JSON line).</summary>
public sealed record SizeResult
{
    public int Endpoints { get; init; }
    public int Run { get; init; }
    /// <summary>Workload accounts (`--accounts`); 0: today's run in the operator's own account.</summary>
    public int Accounts { get; init; }
    public int RegionsPerAccount { get; init; }
    /// <summary>Every account-region (the one-account run's two regions as account "own").</summary>
    public IReadOnlyList<AccountRegionResult> AccountRegions { get; init; } = [];
    /// <summary>Every role's STS sessions (none in the one-account run).</summary>
    public IReadOnlyList<RoleSessionsResult> Roles { get; init; } = [];
    /// <summary>sts:AssumeRole calls over the whole run, refused ones included.</summary>
    public int AssumeRoleCalls { get; init; }
    /// <summary>Virtual time from start to the end of the steady hour.</summary>
    public double SimulatedHours { get; init; }
    /// <summary>The collector the child ran with (<see cref="GcSettingsText"/>).</summary>
    public string GcSettings { get; init; } = "";
    /// <summary>The child process's own wall time, world building included.</summary>
    public double ProcessWallSeconds { get; init; }

    /// <summary>Wall time from Start until every informer had synced, with all objects already in the store.</summary>
    public double ReadyWallMilliseconds { get; init; }

    /// <summary>Virtual time from Start until every object was Ready.</summary>
    public double ConvergedVirtualSeconds { get; init; }
    /// <summary>The slowest region's (N_region − burst) / rate.</summary>
    public double ConvergeFloorSeconds { get; init; }
    public double ConvergeWallSeconds { get; init; }
    public int AwsCallsToConverge { get; init; }
    public int CreatesToConverge { get; init; }
    /// <summary>Calls AWS (the simulator's own EC2 request limits) refused with RequestLimitExceeded, over the whole run.</summary>
    public int ThrottledByAws { get; init; }

    public int ResyncsInHour { get; init; }
    /// <summary>Calls of the steady hour divided by the resync intervals in it, by operation.</summary>
    public IReadOnlyDictionary<string, double> CallsPerCleanResyncByOperation { get; init; } = new Dictionary<string, double>();
    public double CallsPerCleanResync { get; init; }
    public int AwsCallsInHour { get; init; }
    public int MutatingCallsInHour { get; init; }
    public int ReconcilesInHour { get; init; }
    public double SteadyHourWallSeconds { get; init; }

    /// <summary>Every key queued at once with nothing drifted, until the operator was idle again.</summary>
    public double FullResyncWallSeconds { get; init; }
    public int FullResyncReconciles { get; init; }
    /// <summary>Time the GC paused the process during the full clean resync.</summary>
    public double FullResyncGcPauseSeconds { get; init; }
    public int FullResyncAwsCalls { get; init; }

    /// <summary>At the end of the steady hour, after a full blocking compacting GC.</summary>
    public double WorkingSetMiB { get; init; }
    public double PrivateMemoryMiB { get; init; }
    public double ManagedHeapMiB { get; init; }
    /// <summary>After the API server's store and the simulated account were seeded, before the operator started, after a
    /// full GC. The increment over it to the end is the operator's share plus what the store and the account gained.</summary>
    public double WorkingSetBeforeStartMiB { get; init; }
    public double ManagedHeapBeforeStartMiB { get; init; }
    /// <summary>Memory the GC holds committed (live objects plus the budget it keeps for new ones).</summary>
    public double GcCommittedMiB { get; init; }
    /// <summary>The operator apart from the simulator (SizeRun.OperatorShareAsync): the process once the operator has stopped
    /// with its state and the API server's store and the simulated account were emptied, after an aggressive GC.</summary>
    public double OperatorWorkingSetMiB { get; init; }
    public double OperatorHeapMiB { get; init; }
    /// <summary>GC.GetTotalAllocatedBytes over the whole process, and within the steady hour.</summary>
    public double AllocatedMiB { get; init; }
    public double AllocatedInHourMiB { get; init; }
    /// <summary>Bytes allocated per clean reconcile (<see cref="AllocationPerReconcile"/>), in the steady hour and in the full
    /// clean resync; null when the phase counted no reconcile.</summary>
    public double? AllocatedPerReconcileInHourBytes { get; init; }
    public double? AllocatedPerReconcileInFullResyncBytes { get; init; }
}
