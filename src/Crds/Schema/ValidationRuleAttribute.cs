namespace Vpce.Crds.Schema;

/// <summary>A CEL rule (x-kubernetes-validations) on the object the attribute stands on.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class ValidationRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
}
