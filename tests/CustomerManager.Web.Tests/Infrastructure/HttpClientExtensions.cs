using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CustomerManager.Infrastructure.Seeding;

namespace CustomerManager.Web.Tests.Infrastructure;

/// <summary>Drives the app through its real forms: read the page, take its anti-forgery token, post.</summary>
public static class HttpClientExtensions
{
    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ToDocumentAsync();
    }

    public static async Task<IDocument> ToDocumentAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    /// <summary>Fills the form found by <paramref name="formSelector"/> on <paramref name="url"/> and submits it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, string formSelector, IDictionary<string, string> values, string? submitValue = null)
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is "hidden")
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        var action = form.GetAttribute("action") ?? url;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password = DemoAccounts.Password) =>
        client.SubmitFormAsync("/Account/SignIn", "form[action='/Account/SignIn']", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });

    public static async Task<HttpClient> SignedInAsync(this HttpClient client, string userName)
    {
        using var response = await client.SignInAsync(userName);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        }

        return client;
    }
}
