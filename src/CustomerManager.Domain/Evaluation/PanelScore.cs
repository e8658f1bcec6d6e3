using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>One panel member's score (0–100, one decimal at most) for one criterion of one manager in one cycle.</summary>
public sealed class PanelScore : Entity, IGivenScore
{
    public const int CommentMaxLength = 1000;
    public const int PanelMemberIdMaxLength = 450;

    private PanelScore()
    {
        PanelMemberId = string.Empty;
    }

    internal PanelScore(int cycleId, int cycleCriterionId, int accountManagerId, string panelMemberId, PanelRole role, decimal value, string? comment)
        : this()
    {
        CycleId = cycleId;
        CycleCriterionId = cycleCriterionId;
        AccountManagerId = accountManagerId;
        PanelMemberId = Guard.Required(panelMemberId, PanelMemberIdMaxLength, ErrorCodes.Score.PanelMemberRequired, ErrorCodes.Score.PanelMemberTooLong);
        PanelRole = role;
        Value = value;
        Comment = Guard.Optional(comment, CommentMaxLength, ErrorCodes.Score.CommentTooLong);
    }

    public int CycleId { get; private set; }

    public int CycleCriterionId { get; private set; }

    public int AccountManagerId { get; private set; }

    public string PanelMemberId { get; private set; }

    public PanelRole PanelRole { get; private set; }

    public decimal Value { get; private set; }

    public string? Comment { get; private set; }

    internal void Change(decimal value, string? comment)
    {
        var newComment = Guard.Optional(comment, CommentMaxLength, ErrorCodes.Score.CommentTooLong);
        if (value == Value && newComment == Comment)
        {
            return;
        }

        Value = value;
        Comment = newComment;
    }
}
