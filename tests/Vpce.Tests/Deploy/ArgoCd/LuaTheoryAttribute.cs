namespace Vpce.Tests.Deploy.ArgoCd;

/// <summary>A theory that needs Lua: skipped with the reason on a machine without it, except in CI (CI=true), where
/// .ci/run installs it and a missing interpreter must fail rather than pass unseen.</summary>
public sealed class LuaTheoryAttribute : TheoryAttribute
{
    public LuaTheoryAttribute()
    {
        if (LuaInterpreter.WhyUnavailable is { } why && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"{why}: apt-get install lua5.1 lua-cjson to run the Argo CD health checks (.ci/run does)";
    }
}
