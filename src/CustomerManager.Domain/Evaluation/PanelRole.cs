namespace CustomerManager.Domain.Evaluation;

/// <summary>The four seats of the evaluation panel (评定小组). A panel member holds exactly one.</summary>
public enum PanelRole
{
    /// <summary>专卖分管领导</summary>
    MonopolyLeader = 1,

    /// <summary>销售分管领导</summary>
    SalesLeader = 2,

    /// <summary>物流代表</summary>
    LogisticsRep = 3,

    /// <summary>呼叫代表</summary>
    CallCentreRep = 4,
}
