using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CustomerManager.Infrastructure.Seeding;

/// <summary>
/// The administrator's heavy operations over HTTP, one at a time, each timed and with the memory it adds to the app
/// (the highest VmRSS seen while it runs, polled every 20 ms, minus VmRSS just before): both exports of every
/// customer, the what-if of the criteria page, a 20,000-row import (preview, then confirm) and closing the open
/// cycle. They change the data, so they run on a copy of the file, in an app of their own, and the copy is deleted.
/// </summary>
internal static partial class HttpLoad
{
    private const int ImportRows = 20_000;

    private static async Task<int> HeavyWorkAsync(string publishDir, string database, Facts facts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("Heavy work (one at a time, on a copy of the file, in a fresh app):");
        var copy = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + "-heavy-work.db");
        var watch = Stopwatch.StartNew();
        File.Copy(database, copy, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(copy + suffix);
            if (File.Exists(database + suffix))
            {
                File.Copy(database + suffix, copy + suffix);
            }
        }

        Console.WriteLine($"  copied to {copy} in {watch.Elapsed.TotalSeconds:F1} s");
        var app = App.Start(publishDir, copy);
        try
        {
            await WaitForHealthAsync(app.BaseAddress, app, cancellationToken);
            using var admin = await Clients.SignInAsync(app.BaseAddress, DemoAccounts.Administrator, "/Admin", timeout, cancellationToken);
            var pid = app.Process.Id;
            var failed = 0;
            Console.WriteLine();
            Console.WriteLine("| operation | seconds | MB added | what it did |");
            Console.WriteLine("|---|---:|---:|---|");

            async Task Run(string name, Func<Task<string>> operation)
            {
                var before = Memory(pid, "VmRSS");
                var peak = before;
                using var polling = new CancellationTokenSource();
                var poller = Task.Run(async () =>
                {
                    while (!polling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, Memory(pid, "VmRSS"));
                        await Task.Delay(20, CancellationToken.None);
                    }
                }, CancellationToken.None);
                var started = Stopwatch.StartNew();
                string outcome;
                try
                {
                    outcome = await operation();
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    outcome = "FAILED: " + e.Message;
                    failed++;
                }

                var seconds = started.Elapsed.TotalSeconds;
                await polling.CancelAsync();
                await poller;
                peak = Math.Max(peak, Memory(pid, "VmRSS"));
                Console.WriteLine($"| {name} | {seconds:F1} | {(peak - before) / 1024.0:N0} | {outcome} |");
            }

            await Run($"export {facts.Customers:N0} customers to CSV", () => DownloadAsync(admin, "/Customers/Export?format=Csv", cancellationToken));
            await Run($"export {facts.Customers:N0} customers to XLSX", () => DownloadAsync(admin, "/Customers/Export?format=Xlsx", cancellationToken));
            await Run($"what-if of the criteria page ({facts.Managers.Count:N0} managers)", () => WhatIfAsync(admin, cancellationToken));
            string? token = null;
            await Run($"import {ImportRows:N0} new customers: upload and preview", async () =>
            {
                (token, var outcome) = await ImportPreviewAsync(admin, facts, cancellationToken);
                return outcome;
            });
            await Run($"import {ImportRows:N0} new customers: confirm", () => ImportConfirmAsync(admin, token, cancellationToken));
            await Run($"close {facts.OpenCycleName} ({facts.Managers.Count:N0} managers)", () => CloseAsync(admin, facts.OpenCycleId, cancellationToken));
            Console.WriteLine();
            Console.WriteLine($"App process memory in the heavy work: peak {Memory(pid, "VmHWM") / 1024:N0} MB (VmHWM), now {Memory(pid, "VmRSS") / 1024:N0} MB; app log {app.LogPath}");
            return failed;
        }
        finally
        {
            app.Dispose();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(copy + suffix);
            }
        }
    }

    private static async Task<string> DownloadAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return $"{total / 1024.0 / 1024.0:N1} MB streamed ({response.Content.Headers.ContentType?.MediaType})";
    }

    private static async Task<string> WhatIfAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        // The settings as they are, previewed: every manager of the last closed cycle rated again.
        var page = await admin.GetStringAsync("/Criteria", cancellationToken);
        var form = Regex.Match(page, "<form[^>]*id=\"settings-form\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        if (!form.Success)
        {
            throw new InvalidOperationException("The criteria page has no settings form.");
        }

        var fields = InputFields(form.Groups[1].Value);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await admin.PostAsync("/Criteria/Preview", content, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var rows = Regex.Count(html, "<tr[ >]") - 1;
        return response.StatusCode == HttpStatusCode.OK
            ? $"200, {html.Length / 1024:N0} KB, {fields.Count} fields posted"
            : throw new InvalidOperationException($"the preview answered {(int)response.StatusCode} ({rows} rows)");
    }

    private static async Task<(string? Token, string Outcome)> ImportPreviewAsync(HttpClient admin, Facts facts, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("licencenumber,storename,owner,phone,address,businesstype,manageremployeenumber\n");
        for (var i = 0; i < ImportRows; i++)
        {
            var manager = string.Create(CultureInfo.InvariantCulture, $"KM{facts.Managers[i % facts.Managers.Count]:00000}");
            csv.Append(CultureInfo.InvariantCulture, $"4499{i:00000000},导入商店{i},导入业主{i % 997},1390{i:0000000},导入路{i % 300}号,便利店,{manager}\n");
        }

        var upload = await admin.GetStringAsync("/CustomerImport", cancellationToken);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(upload)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "province-import.csv");
        using var uploaded = await admin.PostAsync("/CustomerImport/Preview", content, cancellationToken);
        var location = uploaded.Headers.Location?.OriginalString;
        if (uploaded.StatusCode != HttpStatusCode.Redirect || location is null)
        {
            throw new InvalidOperationException($"the upload answered {(int)uploaded.StatusCode}");
        }

        var preview = await admin.GetStringAsync(location, cancellationToken);
        var token = Regex.Match(preview, "name=\"token\" value=\"([^\"]+)\"");
        return token.Success
            ? (token.Groups[1].Value, $"{csv.Length / 1024 / 1024.0:N1} MB CSV uploaded, preview {preview.Length / 1024:N0} KB")
            : throw new InvalidOperationException("the preview offers no confirmation (errors in the file?)");
    }

    private static async Task<string> ImportConfirmAsync(HttpClient admin, string? token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            throw new InvalidOperationException("no preview to confirm");
        }

        var preview = await admin.GetStringAsync("/CustomerImport/Preview?token=" + Uri.EscapeDataString(token), cancellationToken);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["__RequestVerificationToken"] = Token(preview) });
        using var response = await admin.PostAsync("/CustomerImport/Confirm", content, cancellationToken);
        return response.StatusCode == HttpStatusCode.Redirect
            ? $"redirected to {response.Headers.Location?.OriginalString}"
            : throw new InvalidOperationException($"the confirmation answered {(int)response.StatusCode}");
    }

    private static async Task<string> CloseAsync(HttpClient admin, int cycleId, CancellationToken cancellationToken)
    {
        var check = await admin.GetStringAsync($"/Cycles/Close/{cycleId}", cancellationToken);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["confirmNotRated"] = "true", ["__RequestVerificationToken"] = Token(check) });
        using var response = await admin.PostAsync($"/Cycles/Close/{cycleId}", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"closing answered {(int)response.StatusCode}");
        }

        var details = await admin.GetStringAsync($"/Cycles/Details/{cycleId}", cancellationToken);
        return details.Contains("id=\"publish-cycle\"", StringComparison.Ordinal) && details.Contains("id=\"cycle-tiers\"", StringComparison.Ordinal)
            ? "closed: results and tiers computed, evidence frozen"
            : throw new InvalidOperationException("the cycle page does not show a closed cycle");
    }

    private static string Token(string html)
    {
        var match = AntiforgeryToken().Match(html);
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
            : throw new InvalidOperationException("no anti-forgery token on the page");
    }

    /// <summary>The name and value of every input of a form's HTML (hidden and typed), as the browser would post them.</summary>
    private static Dictionary<string, string> InputFields(string formHtml)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Regex.Matches(formHtml, "<input[^>]*>"))
        {
            var name = Regex.Match(input.Value, "name=\"([^\"]+)\"");
            if (!name.Success)
            {
                continue;
            }

            var value = Regex.Match(input.Value, "value=\"([^\"]*)\"");
            fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : string.Empty;
        }

        return fields;
    }
}
