using YamlDotNet.Serialization;

namespace Vpce.Crds.Schema;

/// <summary>One entry of x-kubernetes-validations: a CEL rule and the message shown when it fails.</summary>
[YamlSerializable]
public sealed class CelValidationRule
{
    [YamlMember(Alias = "rule")] public required string Rule { get; set; }
    [YamlMember(Alias = "message")] public required string Message { get; set; }
}
