using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>Turns a C# type and the schema attributes on it into a structural OpenAPI v3 schema.</summary>
internal static class SchemaReflector
{
    /// <summary>Why reflection over the CR types is safe in a native or trimmed publish.</summary>
    public const string KeptWhole = "Reads only this assembly's own types, and the native and trimmed publishes keep this assembly " +
        "whole (partial trim; it is not marked trimmable); CI compares the native build's `crds` output with the chart's copy.";

    /// <summary>The schema of a type, with the class-level attributes (description, CEL rules) applied.</summary>
    public static JsonSchema ForType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return new JsonSchema { Type = "string" };
        if (t == typeof(bool)) return new JsonSchema { Type = "boolean" };
        if (t == typeof(int)) return new JsonSchema { Type = "integer", Format = "int32" };
        if (t == typeof(long)) return new JsonSchema { Type = "integer", Format = "int64" };
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return new JsonSchema { Type = "string", Format = "date-time" };

        if (ListItemType(t) is { } itemType)
        {
            var list = new JsonSchema { Type = "array", Items = ForType(itemType) };
            if (itemType.GetCustomAttribute<ListMapKeysAttribute>() is { } keys)
            {
                list.ListType = "map";
                list.ListMapKeys = keys.Keys.ToList();
            }
            return list;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var args = t.GetGenericArguments();
            if (args[0] != typeof(string))
                throw new NotSupportedException($"Map keys must be strings in a CRD schema, not {args[0].Name}.");
            return new JsonSchema { Type = "object", AdditionalProperties = ForType(args[1]) };
        }

        if (t.IsClass && t != typeof(object)) return ForClass(t);

        throw new NotSupportedException($"No CRD schema mapping for {t.FullName}.");
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptWhole)]
    private static JsonSchema ForClass(Type type)
    {
        var schema = new JsonSchema
        {
            Type = "object",
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Properties = new SortedDictionary<string, JsonSchema>(StringComparer.Ordinal),
        };
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} needs [JsonPropertyName] to appear in the CRD schema.");
            schema.Properties.Add(name, ForProperty(property, name));
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(name);
        }
        if (required.Count > 0) schema.Required = required.Order(StringComparer.Ordinal).ToList();
        schema.Validations = Rules(type.GetCustomAttributes<ValidationRuleAttribute>());
        return schema;
    }

    private static JsonSchema ForProperty(PropertyInfo property, string name)
    {
        var schema = ForType(property.PropertyType);
        if (property.GetCustomAttribute<DescriptionAttribute>() is { } description) schema.Description = description.Text;

        // Value constraints (pattern, enum, string length) describe a list's items or a map's values, not the collection.
        var valueNode = schema.Type == "array" ? schema.Items! : schema.AdditionalProperties ?? schema;
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern) valueNode.Pattern = pattern.Pattern;
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values) valueNode.Enum = values.Values.ToList();
        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            if (valueNode.Type != "string")
                throw new InvalidOperationException($"[Length] on {property.Name} needs a string, or a list or map of strings.");
            valueNode.MinLength = Bound(length.Min);
            valueNode.MaxLength = Bound(length.Max);
        }
        if (property.GetCustomAttribute<MaxItemsAttribute>() is { } maxItems)
        {
            if (schema.Type != "array")
                throw new InvalidOperationException($"[MaxItems] on {property.Name} needs a list.");
            schema.MaxItems = maxItems.Max;
        }
        if (property.GetCustomAttribute<MaxPropertiesAttribute>() is { } maxProperties)
        {
            if (schema.AdditionalProperties is null)
                throw new InvalidOperationException($"[MaxProperties] on {property.Name} needs a map.");
            schema.MaxProperties = maxProperties.Max;
        }
        // A list default as List<string>, which the CRD YAML contracts (CrdYamlContext) know; an attribute can only carry an array.
        if (property.GetCustomAttribute<SchemaDefaultAttribute>() is { } defaultValue)
            schema.Default = defaultValue.Value is string[] items ? items.ToList() : defaultValue.Value;

        var rules = new List<CelValidationRule>(schema.Validations ?? []);
        if (property.GetCustomAttribute<ImmutableAttribute>() is not null)
            rules.Add(new CelValidationRule { Rule = "self == oldSelf", Message = $"{name} is immutable" });
        rules.AddRange(Rules(property.GetCustomAttributes<ValidationRuleAttribute>()) ?? []);
        schema.Validations = rules.Count > 0 ? rules : null;
        return schema;
    }

    private static List<CelValidationRule>? Rules(IEnumerable<ValidationRuleAttribute> attributes)
    {
        var rules = attributes.Select(a => new CelValidationRule { Rule = a.Rule, Message = a.Message }).ToList();
        return rules.Count > 0 ? rules : null;
    }

    private static int? Bound(int value) => value >= 0 ? value : null;

    private static Type? ListItemType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }
}
