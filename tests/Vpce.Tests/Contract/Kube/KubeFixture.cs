using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Vpce.Crds;
using Vpce.Operator.Kube;

namespace Vpce.Tests.Contract.Kube;

/// <summary>A client for the test API server with minimal CRDs for both kinds (status subresource, schema open), and a
/// fresh namespace per test class.</summary>
public sealed class KubeFixture : IAsyncLifetime
{
    public IKubernetes Client { get; private set; } = null!;

    public string Namespace { get; } = "vpce-contract-" + Guid.NewGuid().ToString("N")[..8];

    public bool Enabled { get; } = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(KubeContractFactAttribute.Variable));

    public async Task InitializeAsync()
    {
        if (!Enabled) return;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            Environment.GetEnvironmentVariable(KubeContractFactAttribute.Variable)));
        await EnsureCrdAsync("VpcEndpoint", "vpcendpoints", "vpce");
        await EnsureCrdAsync("EndpointBucketPolicy", "endpointbucketpolicies", "ebp");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
    }

    /// <summary>A VpcEndpoint in the fixture's namespace, created as kubectl would (status empty), as the adapter reads it.</summary>
    public async Task<VpcEndpoint> CreateVpcEndpointAsync(string name)
    {
        var resource = new VpcEndpoint
        {
            Metadata = new ObjectMetadata { Name = name, Namespace = Namespace },
            Spec = new VpcEndpointSpec { ServiceName = "s3", VpcId = "vpc-0abc" },
        };
        var body = JsonSerializer.SerializeToElement(resource, new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, CrdGroup.Group, CrdGroup.Version, Namespace, "vpcendpoints");
        return (await new KubeResourceClient<VpcEndpoint>(Client).GetAsync(Namespace, name, CancellationToken.None))!;
    }

    public async Task DisposeAsync()
    {
        if (!Enabled) return;
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Namespace);
        }
        catch (HttpOperationException)
        {
            // Best effort: the rig is thrown away anyway.
        }
        Client.Dispose();
    }

    /// <param name="shortName">As the real CRD names it: tests read objects back with kubectl by it.</param>
    private async Task EnsureCrdAsync(string kind, string plural, string shortName)
    {
        var name = $"{plural}.{CrdGroup.Group}";
        var open = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = CrdGroup.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ListKind = kind + "List", ShortNames = [shortName] },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = CrdGroup.Version,
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps> { ["spec"] = open, ["status"] = open },
                            },
                        },
                    },
                ],
            },
        };
        try
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already installed (by an earlier class, or the real generator's CRD).
        }
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var current = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            if (current.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"CRD {name} not established");
    }
}
