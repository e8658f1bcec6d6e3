namespace CustomerManager.Domain.Visits;

public enum VisitKind
{
    /// <summary>实地拜访</summary>
    OnSite = 1,

    /// <summary>电话拜访</summary>
    Phone = 2,
}
