using Vpce.Crds.Schema;

namespace Vpce.Tests.Crds;

public sealed class LegacyCrdTests
{
    [Fact]
    public void Without_validation_rules_only_the_cel_rules_are_gone()
    {
        var full = CrdGenerator.GenerateYaml();
        var legacy = CrdGenerator.GenerateYaml(withValidationRules: false);
        Assert.Contains("x-kubernetes-validations", full);
        Assert.DoesNotContain("x-kubernetes-validations", legacy);
        Assert.DoesNotContain("self == oldSelf", legacy);
        Assert.Contains("pattern: ^vpc-[0-9a-f]+$", legacy);
        Assert.Contains("subresources", legacy);
        Assert.Equal(full, CrdGenerator.GenerateYaml());
    }
}
