using System.Reflection;
using Xunit.Sdk;

namespace Vpce.Tests.Component;

/// <summary>Runs a component test on an EC2 whose reads are current and on one that is eventually consistent (a 30 s
/// propagation delay, the bound): the test takes the delay in seconds.</summary>
public sealed class PropagationDelaysAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[0], [30]];
}
