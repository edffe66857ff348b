using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit.Accounts;

/// <summary>AdmitsNamespace against random namespaces and selectors over a small universe of keys and values (so that
/// selectors and labels meet often): a namespace's own labels select it, a pair it lacks never does, and every added
/// requirement narrows.</summary>
public sealed class AccountAdmissionPropertyTests
{
    private static readonly string[] Keys = ["team", "env", "owner", "tier", "app.kubernetes.io/part-of"];
    private static readonly string[] Values = ["payments", "billing", "prod", "dev", ""];
    private static readonly string[] Operators =
        [LabelSelectorOperators.In, LabelSelectorOperators.NotIn, LabelSelectorOperators.Exists, LabelSelectorOperators.DoesNotExist, "Equals"];

    private static Gen<Dictionary<string, string>> LabelsGen() =>
        from keys in Gen.SubListOf(Keys)
        from values in Gen.ListOf(Gen.Elements(Values), keys.Count)
        select keys.Zip(values).ToDictionary(p => p.First, p => p.Second);

    private static Gen<LabelSelectorRequirement> RequirementGen() =>
        from key in Gen.Elements(Keys)
        from op in Gen.Elements(Operators)
        from values in Gen.SubListOf(Values)
        from nullValues in Gen.Elements(true, false)
        select new LabelSelectorRequirement { Key = key, Operator = op, Values = values.Count == 0 && nullValues ? null : values.ToList() };

    private static Gen<LabelSelector> SelectorGen() =>
        from labels in LabelsGen()
        from nullLabels in Gen.Elements(true, false)
        from count in Gen.Choose(0, 3)
        from expressions in Gen.ListOf(RequirementGen(), count)
        from nullExpressions in Gen.Elements(true, false)
        select new LabelSelector
        {
            MatchLabels = labels.Count == 0 && nullLabels ? null : labels,
            MatchExpressions = expressions.Count == 0 && nullExpressions ? null : expressions.ToList(),
        };

    private static LabelSelector Copy(LabelSelector selector) => new()
    {
        MatchLabels = selector.MatchLabels is null ? null : new(selector.MatchLabels),
        MatchExpressions = selector.MatchExpressions?.ToList(),
    };

    private static string Show(LabelSelector selector) =>
        "{matchLabels: {" + string.Join(", ", (selector.MatchLabels ?? []).Select(l => $"{l.Key}: \"{l.Value}\"")) + "}, matchExpressions: ["
        + string.Join(", ", (selector.MatchExpressions ?? []).Select(Show)) + "]}";

    private static string Show(LabelSelectorRequirement r) =>
        $"{r.Key} {r.Operator} ({string.Join(",", (r.Values ?? []).Select(v => $"\"{v}\""))})";

    private static string Show(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Key}: \"{l.Value}\"")) + "}";

    [Property(MaxTest = 500)]
    public Property A_selector_of_the_namespaces_own_labels_admits_it() =>
        Prop.ForAll(
            (from labels in LabelsGen()
             from subset in Gen.SubListOf(labels.ToArray())
             select (labels, subset)).ToArbitrary(),
            c =>
            {
                var selector = new LabelSelector { MatchLabels = c.subset.ToDictionary(p => p.Key, p => p.Value) };
                return AccountAdmission.AdmitsNamespace(selector, c.labels).Label($"labels {Show(c.labels)}, selector {Show(selector)}");
            });

    [Property(MaxTest = 500)]
    public Property Expressions_that_hold_for_the_namespaces_own_labels_admit_it() =>
        Prop.ForAll(
            (from labels in LabelsGen()
             from subset in Gen.SubListOf(labels.ToArray())
             from absent in Gen.SubListOf(Keys.Where(k => !labels.ContainsKey(k)).ToArray())
             from other in Gen.Elements(Values)
             select (labels, subset, absent, other)).ToArbitrary(),
            c =>
            {
                var holding = c.subset.SelectMany(p => new[]
                    {
                        new LabelSelectorRequirement { Key = p.Key, Operator = LabelSelectorOperators.In, Values = [p.Value, c.other] },
                        new LabelSelectorRequirement { Key = p.Key, Operator = LabelSelectorOperators.Exists },
                    })
                    .Concat(c.absent.SelectMany(k => new[]
                    {
                        new LabelSelectorRequirement { Key = k, Operator = LabelSelectorOperators.DoesNotExist },
                        new LabelSelectorRequirement { Key = k, Operator = LabelSelectorOperators.NotIn, Values = [c.other] },
                    }))
                    .ToList();
                var selector = new LabelSelector { MatchExpressions = holding };
                return AccountAdmission.AdmitsNamespace(selector, c.labels).Label($"labels {Show(c.labels)}, selector {Show(selector)}");
            });

    [Property(MaxTest = 500)]
    public Property A_matchLabels_pair_the_namespace_lacks_never_admits() =>
        Prop.ForAll(
            (from labels in LabelsGen()
             from selector in SelectorGen()
             from key in Gen.Elements(Keys)
             from value in Gen.Elements(Values).Where(v => !labels.TryGetValue(key, out var actual) || actual != v)
             select (labels, selector, key, value)).ToArbitrary(),
            c =>
            {
                var narrowed = Copy(c.selector);
                narrowed.MatchLabels ??= [];
                narrowed.MatchLabels[c.key] = c.value;
                return (!AccountAdmission.AdmitsNamespace(narrowed, c.labels)).Label($"labels {Show(c.labels)}, selector {Show(narrowed)}");
            });

    [Property(MaxTest = 1000)]
    public Property Adding_a_requirement_never_admits_more() =>
        Prop.ForAll(
            (from labels in LabelsGen()
             from selector in SelectorGen()
             from asLabel in Gen.Elements(true, false)
             from requirement in RequirementGen()
             from value in Gen.Elements(Values)
             select (labels, selector, asLabel, requirement, value)).ToArbitrary(),
            c =>
            {
                var narrowed = Copy(c.selector);
                LabelSelector alone;
                if (c.asLabel && narrowed.MatchLabels?.ContainsKey(c.requirement.Key) != true)
                {
                    (narrowed.MatchLabels ??= [])[c.requirement.Key] = c.value;
                    alone = new LabelSelector { MatchLabels = new() { [c.requirement.Key] = c.value } };
                }
                else
                {
                    (narrowed.MatchExpressions ??= []).Add(c.requirement);
                    alone = new LabelSelector { MatchExpressions = [c.requirement] };
                }
                var before = AccountAdmission.AdmitsNamespace(c.selector, c.labels);
                var after = AccountAdmission.AdmitsNamespace(narrowed, c.labels);
                // Monotone, and exactly so: the narrowed selector admits what both the old one and the new term admit.
                var ok = (!after || before) && after == (before && AccountAdmission.AdmitsNamespace(alone, c.labels));
                return ok.Label($"labels {Show(c.labels)}, before {Show(c.selector)} = {before}, after {Show(narrowed)} = {after}");
            });

    [Property(MaxTest = 300)]
    public Property A_null_selector_admits_nothing_and_an_empty_one_everything() =>
        Prop.ForAll(LabelsGen().ToArbitrary(), labels =>
            !AccountAdmission.AdmitsNamespace(null, labels) && AccountAdmission.AdmitsNamespace(new LabelSelector(), labels));
}
