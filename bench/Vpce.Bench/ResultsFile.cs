namespace Vpce.Bench;

/// <summary>bench/results.md: the harness replaces only what lies between its two markers and keeps every note around them.</summary>
public static class ResultsFile
{
    public const string StartMarker = "<!-- bench:simulator:start -->";
    public const string EndMarker = "<!-- bench:simulator:end -->";
    /// <summary>The run across accounts (`--accounts`, issue 25) has a section of its own.</summary>
    public const string AccountsStartMarker = "<!-- bench:accounts:start -->";
    public const string AccountsEndMarker = "<!-- bench:accounts:end -->";

    /// <summary>Replaces the marked section; without the markers, appends a marked section at the end.</summary>
    public static void WriteSection(string path, string section, string startMarker = StartMarker, string endMarker = EndMarker)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var start = text.IndexOf(startMarker, StringComparison.Ordinal);
        var end = text.IndexOf(endMarker, StringComparison.Ordinal);
        var marked = $"{startMarker}\n{section}{endMarker}";
        if (start < 0 || end < start)
        {
            Console.Error.WriteLine($"{path} has no {startMarker} … {endMarker} section: appending one");
            File.WriteAllText(path, text.TrimEnd('\n') + (text.Length > 0 ? "\n\n" : "") + marked + "\n");
            return;
        }
        File.WriteAllText(path, text[..start] + marked + text[(end + endMarker.Length)..]);
    }

    /// <summary>The repository root: the first directory up from the binary that holds Vpce.slnx.</summary>
    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vpce.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Vpce.slnx not found");
    }
}
