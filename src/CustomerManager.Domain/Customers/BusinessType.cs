namespace CustomerManager.Domain.Customers;

public enum BusinessType
{
    /// <summary>便利店</summary>
    ConvenienceStore = 1,

    /// <summary>超市</summary>
    Supermarket = 2,

    /// <summary>食杂店</summary>
    Grocery = 3,

    /// <summary>烟酒店</summary>
    TobaccoAndLiquor = 4,

    /// <summary>其他</summary>
    Other = 9,
}
