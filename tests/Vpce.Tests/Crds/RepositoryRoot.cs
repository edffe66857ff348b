namespace Vpce.Tests.Crds;

/// <summary>Finds the checkout's root (the folder holding Vpce.slnx) from the test binaries' folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vpce.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Vpce.slnx above {AppContext.BaseDirectory}.");
    }
}
