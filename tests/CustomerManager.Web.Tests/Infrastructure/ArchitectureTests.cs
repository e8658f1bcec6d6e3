using System.Text.RegularExpressions;
using CustomerManager.Web.Tests.Features;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>Rules about the code itself, checked on the sources.</summary>
public partial class ArchitectureTests
{
    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex SystemClock();

    /// <summary>
    /// Besides the build's own ban (RS0030, src/BannedSymbols.txt), no production source or view reads the
    /// system clock: the app reads the injected TimeProvider, registered once, which the tests set.
    /// </summary>
    [Fact]
    public void ProductionCodeReadsTimeOnlyThroughTheInjectedClock()
    {
        var src = Path.Combine(LocalizationTests.RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                        && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => SystemClock().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(l => !(l.File.EndsWith("DependencyInjection.cs", StringComparison.Ordinal) && l.Text.Contains("AddSingleton(TimeProvider.System)", StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "The system clock is read directly:\n" + string.Join("\n", offenders));
    }
}
