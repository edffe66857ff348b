using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;
using Vpce.Tests.Contract.Kube;

namespace Vpce.Tests.Simulation.Kube;

/// <summary>The in-memory ConfigMaps keep the API server's rules (the same cases the adapter passes on a real one) and the
/// garbage collector's.</summary>
public sealed class InMemoryConfigMapsTests
{
    private readonly InMemoryKube _kube = new(new FakeTimeProvider());
    private static readonly ConfigMapOwner Owner = new(CrdGroup.ApiVersion, "VpcEndpoint", "s3", "0d6f0a52-2f43-4a56-9d0b-7f5e0c1a2b3c");

    [Fact]
    public Task Create_get_and_replace_data_keep_the_controller() =>
        ConfigMapClientCases.Create_get_and_replace_data_keep_the_controller(_kube.ConfigMaps, "ns", Owner);

    [Fact]
    public Task Writes_are_guarded() => ConfigMapClientCases.Writes_are_guarded(_kube.ConfigMaps, "ns", Owner);

    [Fact]
    public Task A_configmap_without_a_controller_reads_so() => ConfigMapClientCases.A_configmap_without_a_controller_reads_so(_kube.ConfigMaps, "ns");

    [Fact]
    public async Task A_configmap_goes_with_the_vpcendpoint_that_controls_it_and_no_other()
    {
        var owner = _kube.VpcEndpoints.Apply(new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = "s3", Namespace = "ns" },
            Spec = new VpcEndpointSpec { VpcId = "vpc-01", ServiceName = "s3" },
        });
        var controlled = new ConfigMapOwner(owner.ApiVersion, owner.Kind, "s3", owner.Metadata.Uid!);
        await _kube.ConfigMaps.CreateAsync(new KubeConfigMap("ns", "hints", new Dictionary<string, string> { ["k"] = "v" }, controlled), default);
        await _kube.ConfigMaps.CreateAsync(new KubeConfigMap("ns", "other", new Dictionary<string, string> { ["k"] = "v" }, Owner), default);

        _kube.VpcEndpoints.Delete("ns", "s3");

        Assert.Null(_kube.ConfigMaps.Get("ns", "hints"));
        Assert.NotNull(_kube.ConfigMaps.Get("ns", "other"));
    }
}
