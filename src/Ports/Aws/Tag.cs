namespace Vpce.Ports.Aws;

/// <summary>Tags as AWS keeps them: key to value, keys unique.</summary>
public static class Tag
{
    public static IReadOnlyDictionary<string, string> None { get; } = new Dictionary<string, string>();
}
