using System.Diagnostics;
using System.Globalization;
using CustomerManager.Domain.Evaluation;

/// <summary>
/// What the calibration page computes per view, at province size, in memory: the tier shares against a guideline over
/// the company and 50 departments, each manager's nearest bound, and every rater's leniency and spread over a cycle's
/// panel scores (2,000 managers, 5 criteria, 200 panel members in 50 departments' four seats: about 24,000 scores).
/// The page's two reads (the cycle's results and its scores) are the close check's and are timed by the other modes.
/// </summary>
internal static class CalibrationBenchmark
{
    public static void Run(int managers, int repeats)
    {
        var random = new Random(15);
        var departments = 50;
        int[][] seatsOf = [[0], [1], [2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]; // which seats score each criterion
        var scores = new List<GivenScore>();
        var results = new List<(int Manager, int Department, decimal Final)>();
        for (var m = 1; m <= managers; m++)
        {
            var department = m % departments;
            var level = 55 + random.Next(0, 45);
            decimal total = 0;
            for (var c = 0; c < seatsOf.Length; c++)
            {
                decimal sum = 0;
                foreach (var seat in seatsOf[c])
                {
                    var lenient = department == 0 && seat == 1 ? 8 : 0;
                    var value = Math.Clamp(level + lenient + (random.Next(-30, 31) / 10m), 0m, 100m);
                    scores.Add(new GivenScore(1, c + 1, m, $"d{department}-s{seat}", value));
                    sum += value;
                }

                total += sum / seatsOf[c].Length * 0.2m;
            }

            results.Add((m, department, ScoreRules.RoundFinalScore(total)));
        }

        var bounds = TierBounds.Default;
        GuidelineLimit[] guideline = [new(Tier.FiveStar, 10m, null), new(Tier.Developing, null, 5m)];
        var timings = new List<double>();
        var breaches = 0;
        var near = 0;
        var lenientRaters = 0;
        for (var i = 0; i < repeats + 1; i++)
        {
            var watch = Stopwatch.StartNew();
            var tiers = results.Select(r => (r.Department, Tier: (Tier?)bounds.TierFor(r.Final))).ToList();
            breaches = Calibration.Breaches(guideline, TierShares.Of(tiers.Select(t => t.Tier)), null).Count
                + tiers.GroupBy(t => t.Department).Sum(g => Calibration.Breaches(guideline, TierShares.Of(g.Select(t => t.Tier)), g.Key).Count);
            near = results.Count(r => Calibration.NearestBound(r.Manager, r.Final, bounds) is not null);
            lenientRaters = Calibration.Raters(scores).Count(h => h.IsLenient(Calibration.DefaultLeniencyThreshold));
            watch.Stop();
            if (i > 0)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calibration of {managers:N0} managers, {scores.Count:N0} scores: median {timings[timings.Count / 2]:0.0} ms (min {timings[0]:0.0}, max {timings[^1]:0.0}) over {repeats} runs; {breaches} breaches, {near} near a bound, {lenientRaters} lenient raters"));
    }
}
