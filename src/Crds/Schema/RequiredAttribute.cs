namespace Vpce.Crds.Schema;

/// <summary>The CRD schema lists this property as required.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;
