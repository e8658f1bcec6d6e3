using CustomerManager.Domain.Evaluation;

namespace CustomerManager.Infrastructure.Seeding;

/// <summary>The source document's five criteria with their default weights and scoring panel roles.</summary>
public static class DefaultCriteria
{
    private static readonly PanelRole[] AllRoles = Enum.GetValues<PanelRole>();

    public static IReadOnlyList<Criterion> Create() =>
    [
        new("客户资料变更、客户违规情况、无证经营反馈情况", "Customer records and compliance reporting", 25, [PanelRole.MonopolyLeader], 1,
            "Customer data changes, customer violations and unlicensed-retail reports."),
        new("公司营销政策的执行情况、团队合作意识", "Marketing-policy execution and teamwork", 20, [PanelRole.SalesLeader], 2),
        new("与物流人员、呼叫员的信息共享", "Information sharing with logistics and call-centre staff", 20, [PanelRole.LogisticsRep, PanelRole.CallCentreRep], 3),
        new("工作能力", "Work ability", 20, AllRoles, 4),
        new("发展潜力及学习意识", "Development potential and learning awareness", 15, AllRoles, 5),
    ];
}
