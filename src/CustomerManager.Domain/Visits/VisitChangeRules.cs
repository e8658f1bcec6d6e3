using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Visits;

/// <summary>
/// Who may change or delete a visit, and until when: only its author, within a configurable number of days
/// after logging it (default 7), and never once an evaluation cycle covering its date has closed — evidence
/// that was scored does not change.
/// </summary>
public static class VisitChangeRules
{
    public const int DefaultEditWindowDays = 7;

    /// <summary>Null when the change is allowed, otherwise the code of the rule that forbids it.</summary>
    public static string? Check(Visit visit, int byManagerId, DateTime nowUtc, int editWindowDays, bool coveredByClosedCycle)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (visit.AccountManagerId != byManagerId)
        {
            return "Visit.NotAuthor";
        }

        if (coveredByClosedCycle)
        {
            return "Visit.CycleClosed";
        }

        return nowUtc - visit.CreatedUtc > TimeSpan.FromDays(editWindowDays) ? "Visit.EditWindowPassed" : null;
    }

    public static void EnsureChangeable(Visit visit, int byManagerId, DateTime nowUtc, int editWindowDays, bool coveredByClosedCycle)
    {
        if (Check(visit, byManagerId, nowUtc, editWindowDays, coveredByClosedCycle) is { } code)
        {
            throw new DomainException(code, "This visit can no longer be changed by this user.");
        }
    }
}
