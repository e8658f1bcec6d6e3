using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Web.Features.Cycles;

/// <summary>The <c>Evaluation</c> configuration section.</summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>Panel scores of one criterion spreading by more than this many points are flagged.</summary>
    public decimal DisagreementThreshold { get; set; } = Disagreement.DefaultThreshold;

    /// <summary>A panel member whose scores lie this many points above (or below) the others' on average is flagged lenient (or severe).</summary>
    public decimal LeniencyThreshold { get; set; } = Domain.Evaluation.Calibration.DefaultLeniencyThreshold;
}
