namespace Vpce.Crds.Schema;

/// <summary>Once set, the value may not change: a CEL rule <c>self == oldSelf</c> on clusters that enforce them.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ImmutableAttribute : Attribute;
