using System.Diagnostics;

namespace Vpce.Tests.Contract.Crds;

/// <summary>Runs the machine's kubectl against the contract cluster named by VPCE_TEST_KUBECONFIG.</summary>
internal static class Kubectl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<KubectlResult> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable(CrdContractFactAttribute.KubeconfigVariable)!);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();

        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Timeout}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
