using Vpce.Tests.Contract.Crds;

namespace Vpce.Tests.Contract;

/// <summary>What contract tests do while real time passes: kubectl that must succeed, and a bounded wait for a state.</summary>
public static class ContractWait
{
    /// <summary>The command's output; fails the test, with its stderr, when kubectl failed.</summary>
    public static string Ok(KubectlResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value; fails the test once <paramref name="patience"/> has passed.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan patience, string failure = "the operator did not get there in time")
        where T : class
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
