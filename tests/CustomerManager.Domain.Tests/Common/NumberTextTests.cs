using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Tests.Common;

public class NumberTextTests
{
    [Theory]
    [InlineData("85", "85")]
    [InlineData("85.5", "85.5")]
    [InlineData(" 85.5 ", "85.5")]
    [InlineData("0", "0")]
    [InlineData("100.0", "100.0")]
    [InlineData("007", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("８５．５", "85.5")]
    [InlineData("１００", "100")]
    [InlineData("\u300085\u3000", "85")]
    public void DigitsWithAtMostOneDecimalPointAreReadExactly(string typed, string expected)
    {
        Assert.Equal(NumberTextError.None, NumberText.TryParseDecimal(typed, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("8,5")]
    [InlineData("1,00")]
    [InlineData("1,000")]
    [InlineData("85,5")]
    [InlineData("8.5.1")]
    [InlineData("1e2")]
    [InlineData("1E2")]
    [InlineData("0x10")]
    [InlineData("¥85")]
    [InlineData("$85")]
    [InlineData("85%")]
    [InlineData("8 5")]
    [InlineData("+3")]
    [InlineData(".")]
    [InlineData("85。5")]
    [InlineData("八十五")]
    [InlineData("٨٥")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void AnythingElseIsRefusedNeverReinterpreted(string typed)
    {
        Assert.Equal(NumberTextError.NotANumber, NumberText.TryParseDecimal(typed, out var value));
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("-8.5")]
    [InlineData("－3")]
    public void AMinusSignIsSaidToBeOutOfRange(string typed) =>
        Assert.Equal(NumberTextError.Negative, NumberText.TryParseDecimal(typed, out _));

    [Theory]
    [InlineData("-8,5")]
    [InlineData("--3")]
    [InlineData("-")]
    public void AMinusSignBeforeSomethingElseIsNotANumber(string typed) =>
        Assert.Equal(NumberTextError.NotANumber, NumberText.TryParseDecimal(typed, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NothingTypedIsEmpty(string? typed) =>
        Assert.Equal(NumberTextError.Empty, NumberText.TryParseDecimal(typed, out _));

    [Fact]
    public void WholeNumbersRefuseADecimalPoint()
    {
        Assert.Equal(NumberTextError.None, NumberText.TryParseWhole("12", out var twelve));
        Assert.Equal(12, twelve);
        Assert.Equal(NumberTextError.NotWhole, NumberText.TryParseWhole("12.0", out _));
        Assert.Equal(NumberTextError.NotANumber, NumberText.TryParseWhole("1,200", out _));
    }

    [Fact]
    public void MoreDigitsThanAnyNumberHereAreRefused()
    {
        Assert.Equal(NumberTextError.None, NumberText.TryParseDecimal("999999999999999999", out var eighteen));
        Assert.Equal(999_999_999_999_999_999m, eighteen);
        Assert.Equal(NumberTextError.TooLong, NumberText.TryParseDecimal("9999999999999999999", out _));
        Assert.Equal(NumberTextError.TooLong, NumberText.TryParseDecimal("1234567890.123456789", out _));
    }
}
