using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Vpce.Crds;
using Vpce.Operator.Kube;

namespace Vpce.Tests.Unit.Kube;

public sealed class ModelJsonResolverTests
{
    [Fact]
    public void List_responses_come_from_the_generated_context_and_the_librarys_models_by_reflection_not_from_its_context()
    {
        var options = new JsonSerializerOptions();

        ModelJsonResolver.Configure(options);

        Assert.Collection(options.TypeInfoResolverChain,
            first => Assert.Same(KubeListJsonContext.Default, first),
            second => Assert.IsType<DefaultJsonTypeInfoResolver>(second));
        Assert.NotNull(options.GetTypeInfo(typeof(ListResponse<VpcEndpoint>)));
        var lease = JsonSerializer.Deserialize("""{"metadata":{"name":"leader"},"spec":{"holderIdentity":"pod-1"}}""",
            (JsonTypeInfo<V1Lease>)options.GetTypeInfo(typeof(V1Lease)))!;
        Assert.Equal(("leader", "pod-1"), (lease.Metadata.Name, lease.Spec.HolderIdentity));
    }

    [Fact]
    public void The_adapters_set_the_librarys_own_options_before_they_use_them()
    {
        // The tests reach the client library only through the adapters, so its options are still unused or already set.
        RuntimeHelpers.RunClassConstructor(typeof(KubeResourceClient<VpcEndpoint>).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(KubeApis).TypeHandle);
        IList<IJsonTypeInfoResolver>? chain = null;

        KubernetesJson.AddJsonOptions(options => chain = options.TypeInfoResolverChain.ToList());

        Assert.NotNull(chain);
        Assert.Same(KubeListJsonContext.Default, chain[0]);
        Assert.DoesNotContain(chain, resolver => resolver is System.Text.Json.Serialization.JsonSerializerContext && resolver != KubeListJsonContext.Default);
    }
}
