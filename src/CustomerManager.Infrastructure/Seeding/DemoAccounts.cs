using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Infrastructure.Seeding;

/// <summary>The demo logins seeded in Development. They are printed at start-up and listed in the README.</summary>
public static class DemoAccounts
{
    /// <summary>One password for every demo login (Development only).</summary>
    public const string Password = "Demo#2026";

    public const string Administrator = "admin";

    /// <summary>The head of the urban marketing department (营销部主任): reads that department's managers and their work.</summary>
    public static readonly (string UserName, string DisplayName, string UnitCode) Supervisor = ("supervisor", "周建华", "URB");

    /// <summary>The two departments' panels (评定小组): login, name, seat, and the department (code) whose managers they score.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, PanelRole Role, string Department)> PanelMembers =
    [
        ("monopoly", "王建国", PanelRole.MonopolyLeader, "URB"),
        ("sales", "李明", PanelRole.SalesLeader, "URB"),
        ("logistics", "赵强", PanelRole.LogisticsRep, "URB"),
        ("callcentre", "孙丽", PanelRole.CallCentreRep, "URB"),
        ("monopoly2", "钱卫东", PanelRole.MonopolyLeader, "CTY"),
        ("sales2", "冯晓光", PanelRole.SalesLeader, "CTY"),
        ("logistics2", "蒋涛", PanelRole.LogisticsRep, "CTY"),
        ("callcentre2", "沈梅", PanelRole.CallCentreRep, "CTY"),
    ];

    /// <summary>The company at the root of the demo's structure: code, name, English name.</summary>
    public static readonly (string Code, string Name, string NameEn) Company = ("HQ", "示范市烟草公司", "Demo City Tobacco Company");

    /// <summary>Its two marketing departments, each with its own districts.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string NameEn)> Departments =
    [
        ("URB", "城区营销部", "Urban marketing department"),
        ("CTY", "郊县营销部", "County marketing department"),
    ];

    /// <summary>The districts and their department; the last has no manager yet, for a new one.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string NameEn, string Department)> Districts =
    [
        ("URB-E", "城东片区", "East district", "URB"),
        ("URB-W", "城西片区", "West district", "URB"),
        ("CTY-S", "城南片区", "South district", "CTY"),
        ("CTY-N", "城北片区", "North district", "CTY"),
    ];

    /// <summary>Employee number, name, district and the quality of work the demo scores reflect (0–100).</summary>
    public static readonly IReadOnlyList<(string UserName, string EmployeeNumber, string Name, string District, int Level)> AccountManagers =
    [
        ("am01", "KM001", "陈晓东", "城东片区", 95),
        ("am02", "KM002", "刘芳", "城东片区", 86),
        ("am03", "KM003", "周伟", "城东片区", 76),
        ("am04", "KM004", "吴静", "城西片区", 66),
        ("am05", "KM005", "郑磊", "城西片区", 52),
        ("am06", "KM006", "黄丽娟", "城西片区", 83),
        ("am07", "KM007", "何志强", "城南片区", 72),
        ("am08", "KM008", "林小燕", "城南片区", 91),
    ];
}
