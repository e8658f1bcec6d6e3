using CustomerManager.Domain.Evaluation;
using CustomerManager.Web.Features.Criteria;

namespace CustomerManager.Web.Tests.Features;

/// <summary>What the criteria page lists of a what-if: every manager of a small company, the movers first in a large one.</summary>
public class WhatIfListTests
{
    private static CriteriaModel With(IReadOnlyList<WhatIfRow> rows) =>
        new([], new SettingsForm(), "2026 Q2", new WhatIfResult(rows), new Dictionary<int, string>());

    private static WhatIfRow Same(int id) => new(id, 70m, Tier.ThreeStar, 70m, Tier.ThreeStar);

    [Fact]
    public void ASmallCompanyIsListedWholeInItsOrder()
    {
        var rows = Enumerable.Range(1, 8).Select(Same).Append(new WhatIfRow(9, 79m, Tier.ThreeStar, 81m, Tier.FourStar)).ToList();

        Assert.Equal(rows, With(rows).WhatIfRows);
    }

    [Fact]
    public void AProvinceListsAHundredWithEveryMoverFirst()
    {
        var rows = Enumerable.Range(1, 1_997).Select(Same)
            .Append(new WhatIfRow(5_001, 79m, Tier.ThreeStar, 81m, Tier.FourStar))
            .Append(new WhatIfRow(5_002, 81m, Tier.FourStar, 79m, Tier.ThreeStar))
            .Append(new WhatIfRow(5_003, 59m, Tier.Ordinary, 61m, Tier.ThreeStar))
            .ToList();

        var listed = With(rows).WhatIfRows;

        Assert.Equal(CriteriaModel.WhatIfListed, listed.Count);
        Assert.Equal([5_001, 5_002, 5_003], listed.Take(3).Select(r => r.AccountManagerId));
        Assert.All(listed.Skip(3), r => Assert.Equal(Movement.Same, r.Change));
    }
}
