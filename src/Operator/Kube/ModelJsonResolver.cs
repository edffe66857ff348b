using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Vpce.Operator.Kube;

/// <summary>Sets how the client library's own serializer options find a type's contract: the list responses from their
/// generated context, the library's models by reflection, one type at a time as they are used (in the native image, from
/// the library's own generated context, since there is no reflection serializer there and nothing to load). The library's
/// default puts its own generated context first, and the first look-up through it compiles one method that names all of
/// its ~850 model types, which loads every one of them for a process that reads Leases, Events and ConfigMaps. It must
/// run before the library's options serialize anything (they are fixed after first use), so the adapter runs it before
/// any client.</summary>
internal static class ModelJsonResolver
{
    private static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>True when the library's options now resolve this way; false when they were already in use.</summary>
    public static bool Ensure() => Applied.Value;

    private static bool Apply()
    {
        var applied = false;
        KubernetesJson.AddJsonOptions(options =>
        {
            if (options.IsReadOnly) return;
            Configure(options);
            applied = true;
        });
        return applied;
    }

    internal static void Configure(JsonSerializerOptions options) =>
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(KubeListJsonContext.Default, LibraryModels(options));

    /// <summary>By reflection where the runtime can compile code; in the native image, the library's generated context as
    /// it was: there every model type is compiled in ahead of time, so naming them all loads nothing.</summary>
    private static IJsonTypeInfoResolver? LibraryModels(JsonSerializerOptions options)
    {
        if (RuntimeFeature.IsDynamicCodeSupported) return Reflection();
        return options.TypeInfoResolver;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "Reflection reads only the client library's own models, and the library is kept whole: it is not trimmable, so a trimmed publish copies it as it is.")]
    [RequiresDynamicCode("Reflection over the library's models.")]
    private static DefaultJsonTypeInfoResolver Reflection() => new();
}
