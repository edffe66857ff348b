namespace Vpce.Crds.Schema;

/// <summary>A regular expression the string (on a list, each item; on a map, each value) must match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
