namespace Vpce.Bench;

/// <summary>The runtime's environment knobs the image sets (the Dockerfile's <c>ENV DOTNET_…</c>), read from the Dockerfile
/// itself so that the bench's child processes run the operator as the image does and the two cannot drift apart. Knobs
/// with a runtimeconfig name come with the build (src/Operator/OperatorRuntime.props); these have none.</summary>
public static class ImageEnvironment
{
    public static IReadOnlyDictionary<string, string> Read(string repositoryRoot) =>
        Parse(File.ReadAllLines(Path.Combine(repositoryRoot, "Dockerfile")));

    /// <summary>Every <c>DOTNET_</c> variable of the ENV instructions (<c>KEY=VALUE</c> pairs, lines joined at a trailing
    /// backslash), in order; a later one wins.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> dockerfile)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in Instructions(dockerfile))
        {
            if (!instruction.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var pair in instruction[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair.StartsWith("DOTNET_", StringComparison.Ordinal))
                    variables[pair[..equals]] = pair[(equals + 1)..].Trim('"');
            }
        }
        return variables;
    }

    private static IEnumerable<string> Instructions(IEnumerable<string> lines)
    {
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            yield return current + line;
            current = "";
        }
        if (current.Length > 0) yield return current;
    }
}
