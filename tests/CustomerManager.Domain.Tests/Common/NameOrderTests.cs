using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Tests.Common;

public class NameOrderTests
{
    [Theory]
    [InlineData(new[] { "周伟", "刘芳", "陈晓东" }, new[] { "陈晓东", "刘芳", "周伟" })]
    [InlineData(new[] { "城西片区", "城南片区", "城东片区", "城北片区" }, new[] { "城北片区", "城东片区", "城南片区", "城西片区" })]
    [InlineData(new[] { "郑磊", "吴静", "黄丽娟", "何志强", "林小燕" }, new[] { "何志强", "黄丽娟", "林小燕", "吴静", "郑磊" })]
    [InlineData(new[] { "zhou", "Chen", "陈", "Adam" }, new[] { "陈", "Adam", "Chen", "zhou" })] // CLDR's zh order puts Han first
    public void NamesSortByPinyinNotByCodePoint(string[] names, string[] expected)
    {
        Assert.Equal(expected, names.OrderBy(NameOrder.KeyOf, StringComparer.Ordinal));
        Assert.Equal(expected, names.Order(NameOrder.Comparer));
    }

    [Fact]
    public void AKeyIsHexThatAnyCollationOrdersLikeItsBytesAndIsBounded()
    {
        var key = NameOrder.KeyOf(new string('陈', 500));

        Assert.True(key.Length <= NameOrder.KeyMaxLength);
        Assert.All(key, c => Assert.True(char.IsAsciiHexDigitUpper(c) || char.IsAsciiDigit(c)));
        Assert.Equal(NameOrder.KeyOf("Chen"), NameOrder.KeyOf("CHEN"));
    }
}
