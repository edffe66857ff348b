using Vpce.Operator.Model;
using Vpce.Operator.Observe;

namespace Vpce.Operator.Status;

/// <summary>Why a reconcile wrote nothing: a condition reason, words that name the field, and whether Ready may stay as it
/// was (AWS still has a usable resource, the spec just asks for what cannot be done to it).</summary>
public sealed record Refusal(string Reason, string Message, bool KeepReady = false)
{
    public static Refusal Of(ObserveProblem problem) =>
        new(problem.Reason, problem.Field is null ? problem.Message : $"{problem.Field}: {problem.Message}");

    public static Refusal Of(BucketPolicyRefusal refusal) => new(refusal.Reason, refusal.Message);
}
