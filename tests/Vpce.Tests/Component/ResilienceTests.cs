using Vpce.Operator.Aws.Resilience;
using Vpce.Operator.Hosting;

namespace Vpce.Tests.Component;

public sealed class ResilienceTests
{
    [Fact]
    public async Task More_creates_than_the_mutation_burst_all_converge_through_the_client_side_limit()
    {
        await using var bed = Testbed.Start(new InMemoryOperatorOptions
        {
            WrapAws = (aws, metrics, time) => new ResilientAwsApis(aws, new AwsResilienceOptions(), metrics, time),
        });
        var names = new[] { "ssm", "ssmmessages", "ec2messages", "kms", "logs", "sts" };
        foreach (var service in names)
        {
            bed.Apply(Testbed.Interface(service));
        }
        await bed.RunForAsync();
        // Burst 4: the rest wait for their tokens (0.3/s), in turn: never a failure, never a hot loop.
        Assert.Equal(4, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
        Assert.True(await bed.Operator.ConvergeAsync(() => names.All(bed.IsReady), TimeSpan.FromMinutes(3)));
        Assert.Equal(names.Length, bed.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }
}
