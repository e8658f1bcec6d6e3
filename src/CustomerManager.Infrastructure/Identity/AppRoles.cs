namespace CustomerManager.Infrastructure.Identity;

/// <summary>The three kinds of user. Role names live here and nowhere else.</summary>
public static class AppRoles
{
    public const string Administrator = nameof(Administrator);
    public const string PanelMember = nameof(PanelMember);
    public const string AccountManager = nameof(AccountManager);

    public static readonly IReadOnlyList<string> All = [Administrator, PanelMember, AccountManager];
}
