namespace Vpce.Tests;

/// <summary>The repository's root: the folder holding Vpce.slnx, found from the test assembly upwards.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vpce.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Vpce.slnx not found above " + AppContext.BaseDirectory);
    }
}
