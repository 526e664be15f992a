using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace Kalkan.Web;

/// <summary>What answers when nothing else does: problem+json for the API, a small page in her language for a browser.</summary>
public static class NothingHere
{
    public static IResult Answer(HttpContext context, IStringLocalizer<SharedResource> text)
    {
        var browser = !context.Request.Path.StartsWithSegments("/api") && context.Request.Headers.Accept.ToString().Contains("text/html");
        if (!browser) return Results.Problem(title: "Nothing is here.", statusCode: StatusCodes.Status404NotFound);
        var html = HtmlEncoder.Default;
        var page = $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(text["Notes"])}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{html.Encode(text["Nothing is here."])}</h1><p><a class="button" href="/">{html.Encode(text["Go to the start"])}</a></p></main></body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
