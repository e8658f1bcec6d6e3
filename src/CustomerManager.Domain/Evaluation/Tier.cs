namespace CustomerManager.Domain.Evaluation;

/// <summary>The five account-manager tiers, highest value = highest tier.</summary>
public enum Tier
{
    /// <summary>待成长客户经理</summary>
    Developing = 1,

    /// <summary>普通客户经理</summary>
    Ordinary = 2,

    /// <summary>三星级客户经理</summary>
    ThreeStar = 3,

    /// <summary>四星级客户经理</summary>
    FourStar = 4,

    /// <summary>五星级客户经理</summary>
    FiveStar = 5,
}
