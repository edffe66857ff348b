namespace Vpce.Operator.Controllers;

/// <summary>What a phase tells the skeleton: go on to the next phase, or the pass is settled (refused, waiting, reported).</summary>
public enum PhaseStep
{
    Next,
    Stop,
}
