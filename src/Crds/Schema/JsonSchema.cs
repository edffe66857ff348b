using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One node of a CRD's structural OpenAPI v3 schema (the subset the generator emits).</summary>
[YamlSerializable]
public sealed class JsonSchema
{
    [YamlMember(Alias = "description")] public string? Description { get; set; }
    [YamlMember(Alias = "type")] public required string Type { get; set; }
    [YamlMember(Alias = "format")] public string? Format { get; set; }
    [YamlMember(Alias = "enum")] public List<string>? Enum { get; set; }
    [YamlMember(Alias = "pattern")] public string? Pattern { get; set; }
    [YamlMember(Alias = "minLength")] public int? MinLength { get; set; }
    [YamlMember(Alias = "maxLength")] public int? MaxLength { get; set; }
    [YamlMember(Alias = "maxItems")] public int? MaxItems { get; set; }
    [YamlMember(Alias = "maxProperties")] public int? MaxProperties { get; set; }
    [YamlMember(Alias = "default")] public object? Default { get; set; }
    [YamlMember(Alias = "required")] public List<string>? Required { get; set; }
    // Ordinal key order keeps the YAML byte-identical between runs.
    [YamlMember(Alias = "properties")] public SortedDictionary<string, JsonSchema>? Properties { get; set; }
    [YamlMember(Alias = "additionalProperties")] public JsonSchema? AdditionalProperties { get; set; }
    [YamlMember(Alias = "items")] public JsonSchema? Items { get; set; }
    [YamlMember(Alias = "x-kubernetes-list-type")] public string? ListType { get; set; }
    [YamlMember(Alias = "x-kubernetes-list-map-keys")] public List<string>? ListMapKeys { get; set; }
    [YamlMember(Alias = "x-kubernetes-validations")] public List<CelValidationRule>? Validations { get; set; }
}
