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

    /// <summary>
    /// Fills the form found by <paramref name="formSelector"/> on <paramref name="url"/> and submits it (to
    /// <paramref name="action"/> instead of the form's own, as a button with formaction would).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, string formSelector, IDictionary<string, string> values, string? action = null)
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        // What a browser would send untouched: inputs with their values (checkboxes only when ticked), selects' choices.
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button" or "file") && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)).Select(s => KeyValuePair.Create(s.Name!, s.Value ?? string.Empty)))
            .Where(f => !values.ContainsKey(f.Key))
            .Concat(values)
            .ToList();

        return await client.PostAsync(action ?? form.GetAttribute("action") ?? url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads a file through the form found by <paramref name="formSelector"/> (multipart, with its anti-forgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, string formSelector, string fieldName, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, fieldName, fileName);
        return await client.PostAsync(form.GetAttribute("action"), body);
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
