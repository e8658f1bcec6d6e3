using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Tests.Builders;

namespace CustomerManager.Domain.Tests.Evaluation;

public class CriterionTests
{
    [Fact]
    public void TheLastActiveCriterionIsNotRetired()
    {
        var criterion = CriterionBuilder.Defaults(10)[0];

        Assert.Equal(ErrorCodes.Criterion.LastActive, Assert.Throws<DomainException>(() => criterion.Retire(activeCriteria: 1)).Code);
        Assert.False(criterion.IsRetired);

        criterion.Retire(activeCriteria: 2);
        Assert.True(criterion.IsRetired);
        criterion.Retire(activeCriteria: 1); // already retired: nothing changes, nothing refused
        criterion.Reinstate();
        Assert.False(criterion.IsRetired);
    }

    [Theory]
    [InlineData("0", ErrorCodes.Criterion.WeightOutOfRange)]
    [InlineData("1000.01", ErrorCodes.Criterion.WeightOutOfRange)]
    [InlineData("12.345", ErrorCodes.Criterion.WeightTooManyDecimals)]
    public void AWeightIsAboveZeroAtMostAThousandWithTwoDecimals(string weight, string code)
    {
        var criterion = CriterionBuilder.Defaults(10)[0];

        var error = Assert.Throws<DomainException>(() => criterion.Reweight(decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(code, error.Code);
        Assert.Equal(10m, criterion.Weight);
    }

    [Fact]
    public void TierBoundsHaveAtMostTwoDecimalsLikeFinalScores()
    {
        Assert.Equal(ErrorCodes.TierBounds.TooManyDecimals, Assert.Throws<DomainException>(() => new TierBounds(90.005m, 80, 70, 60)).Code);
        Assert.Equal(89.99m, new TierBounds(89.99m, 80, 70, 60).FiveStar);
    }
}
