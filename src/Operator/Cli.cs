namespace Vpce.Operator;

/// <summary>The verbs: run (default), demo, crds.</summary>
public static class Cli
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("vpce-operator: verbs run|demo|crds");
        return Task.FromResult(args.Length == 0 ? 0 : 2);
    }
}
