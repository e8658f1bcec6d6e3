using CustomerManager.Domain.Evaluation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerManager.Domain.Tests.Evaluation;

public class RatingCalculatorTests
{
    private static List<WeightedCriterion> Weights(params decimal[] weights) =>
        weights.Select((w, i) => new WeightedCriterion(i + 1, w)).ToList();

    private static IEnumerable<CriterionScore> Scores(params decimal[] scores) =>
        scores.Select((s, i) => new CriterionScore(i + 1, s));

    [Fact]
    public void WorkedExampleFromTheDomainGives83_70AndFourStar()
    {
        var result = RatingCalculator.Rate(Weights(25, 20, 20, 20, 15), Scores(92, 85, 78, 88, 70), TierBounds.Default);

        Assert.True(result.IsRated);
        Assert.Equal(83.70m, result.FinalScore);
        Assert.Equal(Tier.FourStar, result.Tier);
    }

    [Fact]
    public void EqualWeightsGiveThePlainMean()
    {
        var result = RatingCalculator.Rate(Weights(1, 1, 1, 1, 1), Scores(92, 85, 78, 88, 70), TierBounds.Default);

        // (92 + 85 + 78 + 88 + 70) / 5 = 413 / 5
        Assert.Equal(82.60m, result.FinalScore);
        Assert.Equal(Tier.FourStar, result.Tier);
    }

    [Fact]
    public void WeightsThatDoNotSumToAHundredAreSharesOfTheirTotal()
    {
        var result = RatingCalculator.Rate(Weights(50, 40, 40, 40, 30), Scores(92, 85, 78, 88, 70), TierBounds.Default);

        // Every weight doubled from the worked example: same shares, same score.
        Assert.Equal(83.70m, result.FinalScore);
        Assert.Equal([0.25m, 0.2m, 0.2m, 0.2m, 0.15m], result.Criteria.Select(c => c.Share));
    }

    [Fact]
    public void UnevenWeightsAreWeighted()
    {
        var result = RatingCalculator.Rate(Weights(3, 1), Scores(100, 60), TierBounds.Default);

        // (3·100 + 1·60) / 4
        Assert.Equal(90.00m, result.FinalScore);
        Assert.Equal(Tier.FiveStar, result.Tier);
    }

    [Fact]
    public void CriterionScoreIsTheMeanOfThePanelScores()
    {
        var scores = new[] { new CriterionScore(1, 80), new CriterionScore(1, 90), new CriterionScore(1, 86.5m), new CriterionScore(2, 70) };

        var result = RatingCalculator.Rate(Weights(1, 1), scores, TierBounds.Default);

        Assert.Equal(85.5m, result.Criteria[0].Score);
        Assert.Equal(3, result.Criteria[0].ScoreCount);
        Assert.Equal(70m, result.Criteria[1].Score);
        Assert.Equal(77.75m, result.FinalScore);
    }

    [Fact]
    public void FinalScoreIsRoundedOnlyAfterWeightingTheUnroundedMeans()
    {
        // Criterion 1 mean = 250/3 = 83.333…; criterion 2 = 90. Equal weights: 86.666… → 86.67.
        var scores = new[] { new CriterionScore(1, 80), new CriterionScore(1, 80), new CriterionScore(1, 90), new CriterionScore(2, 90) };

        var result = RatingCalculator.Rate(Weights(1, 1), scores, TierBounds.Default);

        Assert.Equal(86.67m, result.FinalScore);
    }

    [Fact]
    public void ManagerWithACriterionNobodyScoredIsNotRated()
    {
        var result = RatingCalculator.Rate(Weights(25, 20, 20, 20, 15), Scores(92, 85, 78, 88), TierBounds.Default);

        Assert.False(result.IsRated);
        Assert.Null(result.FinalScore);
        Assert.Null(result.Tier);
        Assert.Equal([5], result.UnscoredCriteria);
    }

    [Fact]
    public void ManagerWithNoScoresAtAllIsNotRated()
    {
        var result = RatingCalculator.Rate(Weights(1, 1), [], TierBounds.Default);

        Assert.False(result.IsRated);
        Assert.Equal([1, 2], result.UnscoredCriteria);
    }

    [Fact]
    public void ScoresOfCriteriaOutsideTheListAreIgnored()
    {
        var scores = Scores(80, 90).Append(new CriterionScore(99, 0));

        var result = RatingCalculator.Rate(Weights(1, 1), scores, TierBounds.Default);

        Assert.Equal(85.00m, result.FinalScore);
    }

    [Fact]
    public void NoCriteriaOrANonPositiveWeightIsRefused()
    {
        Assert.Throws<ArgumentException>(() => RatingCalculator.Rate([], [], TierBounds.Default));
        Assert.Throws<ArgumentException>(() => RatingCalculator.Rate(Weights(1, 0), Scores(1, 1), TierBounds.Default));
    }

    private static Arbitrary<(decimal[] Weights, decimal[] Scores)> WeightsAndScores() =>
        (from n in Gen.Choose(1, 8)
         from weights in Gen.ArrayOf(Gen.Choose(1, 1000).Select(w => w / 10m), n)
         from scores in Gen.ArrayOf(Gen.Choose(0, 1000).Select(s => s / 10m), n)
         select (weights, scores)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property ScalingEveryWeightBySameFactorNeverChangesTheResult() =>
        Prop.ForAll(WeightsAndScores(), Gen.Choose(2, 1000).ToArbitrary(), (input, factor) =>
        {
            var original = RatingCalculator.Rate(Weights(input.Weights), Scores(input.Scores), TierBounds.Default);
            var scaled = RatingCalculator.Rate(Weights([.. input.Weights.Select(w => w * factor)]), Scores(input.Scores), TierBounds.Default);
            return original.FinalScore == scaled.FinalScore && original.Tier == scaled.Tier;
        });

    [Property(MaxTest = 300)]
    public Property FinalScoreLiesBetweenLowestAndHighestCriterionScore() =>
        Prop.ForAll(WeightsAndScores(), input =>
        {
            var result = RatingCalculator.Rate(Weights(input.Weights), Scores(input.Scores), TierBounds.Default);
            return result.FinalScore >= input.Scores.Min() && result.FinalScore <= input.Scores.Max();
        });
}
