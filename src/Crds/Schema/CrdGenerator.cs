using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>
/// Generates the apiextensions.k8s.io/v1 CustomResourceDefinitions of every kind in this assembly
/// (classes marked [Kind]) from their C# types and schema attributes. The `crds` verb prints
/// <see cref="GenerateYaml"/>; the Helm chart's crds/ folder holds a committed copy that a test keeps equal.
/// </summary>
public static class CrdGenerator
{
    /// <summary>Category of both kinds: <c>kubectl get vpce-operator</c> lists every object of the operator.</summary>
    /// <remarks>Not "vpce": kubectl expands categories before short names, so that would hide the VpcEndpoint short name.</remarks>
    public const string Category = "vpce-operator";

    public const string AppNameLabel = "app.kubernetes.io/name";
    public const string AppName = "vpce-operator";

    /// <summary>The CRDs, ordered by metadata name.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = SchemaReflector.KeptWhole)]
    public static IReadOnlyList<CustomResourceDefinition> Generate() =>
        typeof(CrdGroup).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<KindAttribute>() is not null)
            .Select(ForKind)
            .OrderBy(crd => crd.Metadata.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>All CRDs as one multi-document YAML stream, byte-identical between runs. Without CEL rules for clusters
    /// older than 1.25 (kubectl's client-side check against their OpenAPI refuses x-kubernetes-validations there).</summary>
    public static string GenerateYaml(bool withValidationRules = true)
    {
        var serializer = new StaticSerializerBuilder(new CrdYamlContext())
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            // Kubernetes reads YAML 1.1, where a plain True/False/yes/no is a boolean; quote such strings.
            .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
            .WithIndentedSequences()
            .DisableAliases()
            .Build();
        var crds = Generate();
        if (!withValidationRules)
        {
            foreach (var version in crds.SelectMany(c => c.Spec.Versions))
            {
                StripValidationRules(version.Schema.OpenApiV3Schema);
            }
        }
        var documents = crds.Select(serializer.Serialize);
        return string.Concat(documents.Select(document => "---\n" + document.ReplaceLineEndings("\n")));
    }

    private static void StripValidationRules(JsonSchema schema)
    {
        schema.Validations = null;
        foreach (var child in (schema.Properties?.Values ?? Enumerable.Empty<JsonSchema>())
                     .Append(schema.Items).Append(schema.AdditionalProperties).OfType<JsonSchema>())
        {
            StripValidationRules(child);
        }
    }

    /// <summary>The CRD of one kind: a class deriving from CustomResource&lt;TSpec, TStatus&gt; and marked [Kind].</summary>
    public static CustomResourceDefinition ForKind(Type kindType)
    {
        var kind = kindType.GetCustomAttribute<KindAttribute>()
            ?? throw new ArgumentException($"{kindType.Name} has no [Kind] attribute.", nameof(kindType));
        var (specType, statusType) = SpecAndStatusTypes(kindType);

        var spec = SchemaReflector.ForType(specType);
        spec.Description ??= $"Desired state of the {kind.Kind}.";
        var status = SchemaReflector.ForType(statusType);
        status.Description ??= $"Observed state of the {kind.Kind}, written by the operator.";

        var root = new JsonSchema
        {
            Type = "object",
            Description = kindType.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Required = ["spec"],
            Properties = new SortedDictionary<string, JsonSchema>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = "Versioned schema of this representation of an object." },
                ["kind"] = new() { Type = "string", Description = "REST resource this object represents." },
                // The API server owns metadata's schema; a CRD may only say that it is an object.
                ["metadata"] = new() { Type = "object" },
                ["spec"] = spec,
                ["status"] = status,
            },
        };

        var columns = kindType.GetCustomAttributes<PrinterColumnAttribute>()
            .OrderBy(c => c.Order)
            .Select(c => new CrdPrinterColumn
            {
                Name = c.Name,
                Type = c.Type,
                JsonPath = c.JsonPath,
                Priority = c.Priority > 0 ? c.Priority : null,
            })
            .ToList();

        return new CustomResourceDefinition
        {
            Metadata = new CrdMetadata
            {
                Name = $"{kind.Plural}.{CrdGroup.Group}",
                Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [AppNameLabel] = AppName },
            },
            Spec = new CrdSpec
            {
                Group = CrdGroup.Group,
                Scope = kind.ClusterScoped ? "Cluster" : "Namespaced",
                Names = new CrdNames
                {
                    Kind = kind.Kind,
                    ListKind = kind.Kind + "List",
                    Plural = kind.Plural,
                    Singular = kind.Singular,
                    ShortNames = kind.ShortNames.ToList(),
                    Categories = [Category],
                },
                Versions =
                [
                    new CrdVersion
                    {
                        Name = CrdGroup.Version,
                        Served = true,
                        Storage = true,
                        Subresources = new CrdSubresources(),
                        AdditionalPrinterColumns = columns,
                        Schema = new CrdVersionSchema { OpenApiV3Schema = root },
                    },
                ],
            },
        };
    }

    private static (Type Spec, Type Status) SpecAndStatusTypes(Type kindType)
    {
        for (var t = kindType.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CustomResource<,>))
            {
                var args = t.GetGenericArguments();
                return (args[0], args[1]);
            }
        }
        throw new ArgumentException($"{kindType.Name} does not derive from CustomResource<TSpec, TStatus>.", nameof(kindType));
    }
}
