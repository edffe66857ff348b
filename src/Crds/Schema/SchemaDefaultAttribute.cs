namespace Vpce.Crds.Schema;

/// <summary>A default the API server fills in (structural schema default).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaDefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}
