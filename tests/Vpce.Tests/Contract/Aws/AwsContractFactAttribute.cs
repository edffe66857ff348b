namespace Vpce.Tests.Contract.Aws;

/// <summary>Runs only against a real AWS-compatible endpoint (VPCE_TEST_AWS_ENDPOINT_URL: moto, LocalStack).</summary>
public sealed class AwsContractFactAttribute : FactAttribute
{
    public const string Variable = "VPCE_TEST_AWS_ENDPOINT_URL";

    public AwsContractFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"set {Variable} to run against a real AWS-compatible endpoint";
        }
    }
}
