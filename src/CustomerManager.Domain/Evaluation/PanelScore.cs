using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Evaluation;

/// <summary>One panel member's score (0–100, one decimal at most) for one criterion of one manager in one cycle.</summary>
public sealed class PanelScore : Entity
{
    public const int CommentMaxLength = 1000;

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
        PanelMemberId = Guard.Required(panelMemberId, 450, "Score.PanelMember");
        PanelRole = role;
        Value = value;
        Comment = Guard.Optional(comment, CommentMaxLength, "Score.Comment");
    }

    public int CycleId { get; private set; }

    public int CycleCriterionId { get; private set; }

    public int AccountManagerId { get; private set; }

    public string PanelMemberId { get; private set; }

    public PanelRole PanelRole { get; private set; }

    public decimal Value { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>Incremented on every change: two people saving the same score cannot overwrite each other unseen.</summary>
    public int Version { get; private set; } = 1;

    internal void Change(decimal value, string? comment)
    {
        var newComment = Guard.Optional(comment, CommentMaxLength, "Score.Comment");
        if (value == Value && newComment == Comment)
        {
            return;
        }

        Value = value;
        Comment = newComment;
        Version++;
    }
}
