using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Runtime;
using Vpce.Operator.Status;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Controllers;

/// <summary>A kind that is its phases and nothing else, as a new kind would be: each phase records that it ran and does
/// what the test scripted for it (go on, stop, refuse, fail on AWS).</summary>
internal sealed class ScriptedKind(params (string Name, Func<ScriptedPass, PhaseStep> Act)[] phases)
    : IKindPhases<VpcEndpoint, VpcEndpointStatus, EndpointSyncResult, ScriptedPass>
{
    public List<string> Ran { get; } = [];
    public List<ResourceKey> Forgotten { get; } = [];
    public DeletionResult<VpcEndpointStatus> Deletion { get; set; } = DeletionResult<VpcEndpointStatus>.Finished([]);
    public bool DeletionThrows { get; set; }

    public string Kind => "Scripted";

    public ScriptedPass Begin(VpcEndpoint resource) => new(resource);

    /// <summary>Phases named "check…" run after a refusal or a failure too, as the checks do.</summary>
    public IReadOnlyList<ReconcilePhase<ScriptedPass>> Phases => phases
        .Select(p => new ReconcilePhase<ScriptedPass>(p.Name, (pass, _) =>
        {
            Ran.Add(p.Name);
            return ValueTask.FromResult(p.Act(pass));
        }, AfterStop: p.Name.StartsWith("check", StringComparison.Ordinal)))
        .ToList();

    public StatusReport<VpcEndpointStatus> Report(ScriptedPass pass, DateTimeOffset now)
    {
        Ran.Add("report");
        return new(new VpcEndpointStatus { State = pass.Sync.Outcome.ToString(), ObservedGeneration = pass.Resource.Metadata.Generation }, [], [], false);
    }

    public ReconcileResult Next(ScriptedPass pass) => ReconcileResult.After(TimeSpan.FromSeconds(42));

    public Task<DeletionResult<VpcEndpointStatus>> DeleteAsync(VpcEndpoint resource, CancellationToken ct) =>
        DeletionThrows ? throw new AwsApiException("Throttling", "slow down") : Task.FromResult(Deletion);

    public DeletionResult<VpcEndpointStatus> DeletionFailed(VpcEndpoint resource, Exception error, DateTimeOffset now) =>
        DeletionResult<VpcEndpointStatus>.Pending(new(new VpcEndpointStatus { State = "deletion failed: " + error.Message }, [], [], false), ReconcileResult.Backoff());

    public void Forget(ResourceKey key) => Forgotten.Add(key);

    public static PhaseStep GoOn(ScriptedPass pass) => PhaseStep.Next;
}
