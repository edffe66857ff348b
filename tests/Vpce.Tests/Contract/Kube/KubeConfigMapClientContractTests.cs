using k8s;
using Vpce.Crds;
using Vpce.Operator.Kube;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Contract.Kube;

/// <summary>The ConfigMap adapter against a real API server: the cases of <see cref="ConfigMapClientCases"/>, the owner a real
/// VpcEndpoint of the test namespace.</summary>
[Collection(KubeApiServerCollection.Name)]
public sealed class KubeConfigMapClientContractTests(KubeFixture fixture) : IClassFixture<KubeFixture>
{
    private KubeConfigMapClient Client => new(fixture.Client);

    [KubeContractFact]
    public async Task Create_get_and_replace_data_keep_the_controller() =>
        await ConfigMapClientCases.Create_get_and_replace_data_keep_the_controller(Client, fixture.Namespace, await OwnerAsync("owner-1"));

    [KubeContractFact]
    public async Task Writes_are_guarded() =>
        await ConfigMapClientCases.Writes_are_guarded(Client, fixture.Namespace, await OwnerAsync("owner-2"));

    [KubeContractFact]
    public Task A_configmap_without_a_controller_reads_so() =>
        ConfigMapClientCases.A_configmap_without_a_controller_reads_so(Client, fixture.Namespace);

    [KubeContractFact]
    public async Task The_owner_reference_is_the_controller_without_blocking_the_owners_deletion()
    {
        var owner = await OwnerAsync("owner-3");
        await Client.CreateAsync(new KubeConfigMap(fixture.Namespace, "referenced", new Dictionary<string, string> { ["k"] = "v" }, owner), default);
        var stored = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("referenced", fixture.Namespace);
        var reference = Assert.Single(stored.Metadata.OwnerReferences);
        Assert.Equal((CrdGroup.ApiVersion, "VpcEndpoint", "owner-3", owner.Uid, true), (reference.ApiVersion, reference.Kind, reference.Name, reference.Uid, reference.Controller));
        Assert.NotEqual(true, reference.BlockOwnerDeletion);
    }

    private async Task<ConfigMapOwner> OwnerAsync(string name)
    {
        var created = await fixture.CreateVpcEndpointAsync(name);
        return new ConfigMapOwner(created.ApiVersion, created.Kind, name, created.Metadata.Uid!);
    }
}
