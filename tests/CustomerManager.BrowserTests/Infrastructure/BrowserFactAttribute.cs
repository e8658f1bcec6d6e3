namespace CustomerManager.BrowserTests.Infrastructure;

/// <summary>
/// A browser test. Where Debian's chromium is missing it is skipped with a message saying how to install
/// it, unless <c>CM_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>) demands it, in which case it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserSettings.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The <see cref="BrowserFactAttribute"/> of a theory.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (BrowserSettings.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

public static class BrowserSettings
{
    public const string RequireVariable = "CM_REQUIRE_BROWSER";

    /// <summary>Debian's chromium, or the browser <c>CHROMIUM_PATH</c> names.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The flags that let headless chromium run as root on a machine without outside network.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string? SkipReason =>
        File.Exists(ExecutablePath) || Required
            ? null
            : $"Browser tests need chromium at {ExecutablePath}: run 'apt-get update && apt-get install -y chromium' " +
              $"(or set CHROMIUM_PATH). Set {RequireVariable}=1 to make its absence a failure.";
}
