using Vpce.Crds;
using Vpce.Operator.Hosting;
using Vpce.Simulation.Aws;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Component;

/// <summary>The operator on the simulator's demo account and the in-memory store, in virtual time.</summary>
public sealed class Testbed : IAsyncDisposable
{
    public const string Ns = "platform";

    private Testbed(InMemoryOperator op)
    {
        Operator = op;
        Account = DemoAccount.Build(op.Aws.World);
    }

    public InMemoryOperator Operator { get; }
    public DemoAccount Account { get; }
    public AwsSimulator Aws => Operator.Aws;
    public InMemoryKube Kube => Operator.Kube;

    /// <summary>The operator on an EC2 whose reads lag its writes by this many seconds (<see cref="PropagationDelaysAttribute"/>).</summary>
    public static Testbed Start(int propagationDelaySeconds) => Start(propagationDelay: TimeSpan.FromSeconds(propagationDelaySeconds));

    /// <param name="propagationDelay">EC2's eventual consistency on the simulator (<see cref="AwsSimulatorOptions.PropagationDelay"/>).</param>
    public static Testbed Start(InMemoryOperatorOptions? options = null, bool running = true, TimeSpan propagationDelay = default)
    {
        options ??= new InMemoryOperatorOptions();
        if (propagationDelay > TimeSpan.Zero)
        {
            options = options with { AwsOptions = (options.AwsOptions ?? new AwsSimulatorOptions()) with { PropagationDelay = propagationDelay } };
        }
        var bed = new Testbed(new InMemoryOperator(options));
        if (running)
        {
            bed.Operator.Start();
        }
        return bed;
    }

    public static VpcEndpoint Gateway(string name = "s3", Action<VpcEndpointSpec>? change = null)
    {
        var resource = new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = name, Namespace = Ns },
            Spec = new VpcEndpointSpec
            {
                VpcSelector = new TagSelector { Tags = { ["Name"] = "demo-vpc" } },
                ServiceName = "s3",
                RouteTableSelector = new TagSelector { Tags = { ["tier"] = "private" } },
            },
        };
        change?.Invoke(resource.Spec);
        return resource;
    }

    public static VpcEndpoint Interface(string service = "ssm", Action<VpcEndpointSpec>? change = null)
    {
        var resource = new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = service, Namespace = Ns },
            Spec = new VpcEndpointSpec
            {
                VpcSelector = new TagSelector { Tags = { ["Name"] = "demo-vpc" } },
                ServiceName = service,
                SubnetSelector = new TagSelector { Tags = { ["tier"] = "private" } },
                SecurityGroupSelector = new TagSelector { Tags = { ["Name"] = "vpc-endpoints" } },
            },
        };
        change?.Invoke(resource.Spec);
        return resource;
    }

    public VpcEndpoint Apply(VpcEndpoint resource) => Kube.VpcEndpoints.Apply(resource);

    public VpcEndpoint Get(string name) => Kube.VpcEndpoints.Get(Ns, name) ?? throw new InvalidOperationException($"{name} is gone");

    public VpcEndpoint? Find(string name) => Kube.VpcEndpoints.Get(Ns, name);

    /// <summary>Changes the stored spec as kubectl apply would (the generation moves on).</summary>
    public VpcEndpoint Edit(string name, Action<VpcEndpointSpec> change)
    {
        var current = Get(name);
        var edited = new VpcEndpoint { Metadata = new ObjectMetadata { Name = name, Namespace = Ns }, Spec = current.Spec };
        change(edited.Spec);
        return Apply(edited);
    }

    public static Condition? Condition(VpcEndpoint resource, string type) =>
        resource.Status?.Conditions.FirstOrDefault(c => c.Type == type);

    public bool IsReady(string name) => Find(name) is { } r && Condition(r, ConditionTypes.Ready)?.Status == ConditionStatus.True;

    /// <summary>Lets virtual time run until the object is Ready (AWS makes endpoints pending for a few seconds).</summary>
    public async Task<VpcEndpoint> ReadyAsync(string name, int seconds = 60)
    {
        Assert.True(await Operator.ConvergeAsync(() => IsReady(name), TimeSpan.FromSeconds(seconds)),
            $"{name} not Ready: {Describe(Find(name))}");
        return Get(name);
    }

    /// <summary>Ready, and (gateway) the routes AWS adds with the endpoint shown in its reads, so RoutesCovered says.</summary>
    public async Task<VpcEndpoint> ReadyWithRoutesAsync(string name)
    {
        await ReadyAsync(name);
        await PropagateAsync();
        return await ReadyAsync(name);
    }

    /// <summary>Lets what the test itself did through the EC2 API reach EC2's reads (the simulator's propagation delay): an
    /// endpoint made "elsewhere" is then one that exists as far as any reader can tell.</summary>
    public Task PropagateAsync() => Operator.AdvanceAsync(Aws.Options.PropagationDelay);

    public Task RunForAsync(int seconds = 0) =>
        seconds == 0 ? Operator.WaitForIdleAsync() : Operator.AdvanceAsync(TimeSpan.FromSeconds(seconds));

    public IReadOnlyList<RecordedEvent> Events(string name) => Kube.Events.For(Ns, name);

    public static string Describe(VpcEndpoint? resource) =>
        resource?.Status is null
            ? "(no status)"
            : string.Join("; ", resource.Status.Conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));

    public ValueTask DisposeAsync() => Operator.DisposeAsync();
}
