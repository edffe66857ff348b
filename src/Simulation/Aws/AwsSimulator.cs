using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// An in-memory AWS account behind the operator's AWS ports, on a (virtual) <see cref="TimeProvider"/>. Build the
/// account with <see cref="World"/>, change it behind the operator's back with <see cref="Tamper"/>, break it with
/// <see cref="Faults"/>, and count the calls with <see cref="Calls"/>. Thread-safe.
/// </summary>
public sealed class AwsSimulator : IAwsApis
{
    public AwsSimulator(TimeProvider? time = null, AwsSimulatorOptions? options = null)
    {
        Time = time ?? TimeProvider.System;
        Options = options ?? new AwsSimulatorOptions();
        World = new SimulatedWorld(Time, Options);
        var gate = new AwsCallGate(Time, Options, Calls, Faults);
        Ec2 = new SimulatedEc2(World, gate);
        S3 = new SimulatedS3(World, gate);
        Sts = new SimulatedSts(World, gate);
        Tamper = new AwsTamper(World);
    }

    public TimeProvider Time { get; }
    public AwsSimulatorOptions Options { get; }
    public SimulatedWorld World { get; }
    public AwsTamper Tamper { get; }
    public AwsFaults Faults { get; } = new();
    public AwsCallCounter Calls { get; } = new();

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    // Replaced by the simulated accounts.
    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) =>
        throw new NotSupportedException("the simulator has one account so far");
}
