using Vpce.Bench;

namespace Vpce.Tests.Unit.Bench;

/// <summary>The bench runs its children with the image's runtime knobs, read from the Dockerfile's ENV instructions.</summary>
public sealed class ImageEnvironmentTests
{
    public static TheoryData<string, string[], string[]> Dockerfiles => new()
    {
        { "one ENV, continued lines, a non-runtime variable left out",
            ["FROM x", "ENV DOTNET_gcServer=0 \\", "    DOTNET_GCgen0size=0x400000 \\", "    APP_MODE=prod", "CMD [\"run\"]"],
            ["DOTNET_gcServer=0", "DOTNET_GCgen0size=0x400000"] },
        { "a later ENV wins, quotes dropped",
            ["ENV DOTNET_TieredPGO=1", "ENV DOTNET_TieredPGO=\"0\""],
            ["DOTNET_TieredPGO=0"] },
        { "comments and other instructions ignored, lower-case env",
            ["# ENV DOTNET_X=1", "RUN echo DOTNET_Y=2", "env DOTNET_Z=3"],
            ["DOTNET_Z=3"] },
        { "none", ["FROM x"], [] },
    };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Parses_the_runtime_variables_of_the_env_instructions(string shape, string[] lines, string[] expected)
    {
        var parsed = ImageEnvironment.Parse(lines).Select(p => $"{p.Key}={p.Value}").Order().ToArray();
        Assert.True(expected.Order().SequenceEqual(parsed), $"{shape}: {string.Join(", ", parsed)}");
    }

    [Fact]
    public void The_repositorys_dockerfile_gives_the_gen0_budget_in_the_form_the_native_runtime_reads()
    {
        // Hex without "0x": the native image's runtime ignores a GC setting with the prefix, and the budget with it.
        var variables = ImageEnvironment.Read(RepoRoot.Find());
        Assert.Equal("400000", variables["DOTNET_GCgen0size"]);
    }
}
