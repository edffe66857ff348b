using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Operator.Runtime;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>One run of a crash scenario: the simulated account and the in-memory API outlive the operator processes that
/// run on them, in one virtual clock.</summary>
public sealed class SweepWorld : IAsyncDisposable
{
    public const string Ns = "platform";

    private InMemoryOperator? _operator;

    /// <param name="propagationDelay">EC2's eventual consistency on the simulator (<see cref="AwsSimulatorOptions.PropagationDelay"/>).</param>
    public SweepWorld(TimeSpan propagationDelay = default)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        Aws = new AwsSimulator(Time, new AwsSimulatorOptions { PropagationDelay = propagationDelay });
        Kube = new InMemoryKube(Time);
        Account = DemoAccount.Build(Aws.World);
    }

    public FakeTimeProvider Time { get; }
    public AwsSimulator Aws { get; }
    public InMemoryKube Kube { get; }
    public DemoAccount Account { get; }
    public InMemoryOperator Operator => _operator ?? throw new InvalidOperationException("no operator runs");

    /// <summary>What the scenario made elsewhere before the operator starts has reached EC2's reads: it exists as far as any
    /// reader can tell, as it would have long before an object names it.</summary>
    public void AfterSetUp() => Time.Advance(Aws.Options.PropagationDelay);

    /// <summary>A fresh operator process on the same store and account; <paramref name="crash"/> may kill it.</summary>
    public void StartOperator(CrashSwitch crash)
    {
        _operator = new InMemoryOperator(new InMemoryOperatorOptions
        {
            Time = Time,
            Aws = Aws,
            Kube = Kube,
            // One worker: the k-th mutating call is the same call in every run.
            Controller = new ControllerOptions { MaxConcurrentReconciles = 1, ResyncInterval = TimeSpan.FromMinutes(2) },
            WrapAws = (aws, _, _) => new CrashingAwsApis(aws, crash),
            WrapKube = kube => new CrashingKubeApis(kube, crash),
        });
        _operator.Start();
    }

    /// <summary>The process is gone: whatever it held in memory goes with it.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is { } running)
        {
            _operator = null;
            await running.DisposeAsync();
        }
    }

    /// <summary>Lets virtual time run (resyncs included), the operator doing its work after each stride.</summary>
    public Task AdvanceAsync(TimeSpan by) => Operator.AdvanceAsync(by, TimeSpan.FromSeconds(5));

    /// <summary>Runs virtual time until <paramref name="violation"/> says nothing, or the limit; the last violation, or null.</summary>
    public async Task<string?> RunUntilHoldsAsync(Func<string?> violation, TimeSpan limit)
    {
        string? last = null;
        await Operator.ConvergeAsync(() => (last = violation()) is null, limit, TimeSpan.FromSeconds(5));
        return last;
    }

    public ValueTask DisposeAsync() => new(StopOperatorAsync());

    /// <summary>Edits the stored spec as kubectl apply would (the generation moves on).</summary>
    public void ChangeEndpoint(string name, Action<VpcEndpointSpec> change)
    {
        var spec = ResourceCopy.Of(Kube.VpcEndpoints.Get(Ns, name) ?? throw new InvalidOperationException($"{name} is gone")).Spec;
        change(spec);
        Kube.VpcEndpoints.Apply(new VpcEndpoint { Metadata = new ObjectMetadata { Name = name, Namespace = Ns }, Spec = spec });
    }

    /// <summary>Edits the stored spec as kubectl apply would (the generation moves on).</summary>
    public void ChangeBucketPolicy(string name, Action<EndpointBucketPolicySpec> change)
    {
        var spec = ResourceCopy.Of(Kube.EndpointBucketPolicies.Get(Ns, name) ?? throw new InvalidOperationException($"{name} is gone")).Spec;
        change(spec);
        Kube.EndpointBucketPolicies.Apply(new EndpointBucketPolicy { Metadata = new ObjectMetadata { Name = name, Namespace = Ns }, Spec = spec });
    }
}
