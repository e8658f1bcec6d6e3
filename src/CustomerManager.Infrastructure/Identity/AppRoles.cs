namespace CustomerManager.Infrastructure.Identity;

/// <summary>The kinds of user. Role names live here and nowhere else.</summary>
public static class AppRoles
{
    public const string Administrator = nameof(Administrator);
    public const string PanelMember = nameof(PanelMember);
    public const string AccountManager = nameof(AccountManager);

    /// <summary>A unit supervisor (a department head 营销部主任, a market manager): reads one unit and everything below it.</summary>
    public const string Supervisor = nameof(Supervisor);

    public static readonly IReadOnlyList<string> All = [Administrator, PanelMember, AccountManager, Supervisor];
}
