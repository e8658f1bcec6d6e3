using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Scoring;

public sealed record ScoringListRow(int ManagerId, string Name, string EmployeeNumber, string District, CellState State);

public sealed record ScoringListModel(int CycleId, string CycleName, PanelRole Seat, int CriteriaToScore, PagedList<ScoringListRow> Rows, bool ToDoOnly)
{
    /// <summary>The departments whose panel the member sits on in this cycle (empty: company-wide, or none).</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];
}

/// <summary>
/// One criterion on the scoring page. The value stays text: the validator reads it with the one strict reader
/// and refuses, in words, anything but digits and one decimal point; what was typed comes back untouched.
/// </summary>
public sealed class ScoreItem
{
    public int CycleCriterionId { get; set; }

    public string? Value { get; set; }

    public string? Comment { get; set; }

    /// <summary>The score's version when the page was opened (0 for a new score).</summary>
    public int Version { get; set; }
}

public sealed class ScoreForm
{
    public List<ScoreItem> Items { get; set; } = [];

    /// <summary>"next" to go on to the next manager after saving.</summary>
    public string? Then { get; set; }
}

public sealed record CriterionToScore(int CycleCriterionId, string Name, decimal Weight, decimal Share);

public sealed record ScorePageModel(
    int CycleId,
    string CycleName,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int ManagerId,
    string ManagerName,
    string EmployeeNumber,
    string District,
    Tier? PreviousTier,
    decimal? PreviousScore,
    string? PreviousCycle,
    EvidenceFigures Evidence,
    IReadOnlyList<CriterionToScore> Criteria,
    ScoreForm Form,
    int? NextManagerId,
    int? PreviousManagerId,
    bool IsOpen)
{
    /// <summary>An upheld appeal of this manager being re-scored (its contested criteria only are on the page).</summary>
    public int? AppealId { get; init; }

    /// <summary>When the figures shown were stored with the result at closing; null while they are counted live (an open cycle).</summary>
    public DateTime? EvidenceTakenUtc { get; init; }

    /// <summary>The cycle has closed: its figures are the stored ones, or, when none were stored, the page says so.</summary>
    public bool EvidenceClosed { get; init; }

    /// <summary>The closed cycle was reopened for this manager after calibration: their scores can change until recomputed.</summary>
    public bool Reopened { get; init; }
}

/// <summary>Every typed score is read exactly (<see cref="NumberText"/>) and lies on the scale of <see cref="ScoreRules"/>.</summary>
public sealed class ScoreFormValidator : AbstractValidator<ScoreForm>
{
    public ScoreFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleForEach(f => f.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.Value).Custom((text, context) =>
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return;
                }

                var read = NumberText.TryParseDecimal(text, out var value);
                if (read == NumberTextError.Negative)
                {
                    context.AddFailure(l.Message(ScoreRules.CheckPanelScore(-1)!));
                }
                else if (read != NumberTextError.None)
                {
                    context.AddFailure(l["Scoring.NotANumber"]);
                }
                else if (ScoreRules.CheckPanelScore(value) is { } refusal)
                {
                    context.AddFailure(l.Message(refusal));
                }
            });
            item.RuleFor(i => i.Comment).OptionalText(l, PanelScore.CommentMaxLength);
        });
    }

    /// <summary>The value of a score the validator accepted.</summary>
    public static decimal ValueOf(ScoreItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return NumberText.TryParseDecimal(item.Value, out var value) == NumberTextError.None
            ? value
            : throw new InvalidOperationException("Validate the form before reading its scores.");
    }
}
