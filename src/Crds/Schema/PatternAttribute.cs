namespace Vpce.Crds.Schema;

/// <summary>A regular expression the string (or, on a list, each item) must match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}
