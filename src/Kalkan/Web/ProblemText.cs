using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Kalkan.Web;

/// <summary>
/// Every problem's title and field messages in the asker's language (Accept-Language, ?lang or
/// the language cookie), so a phone in Burmese reads "Some fields are not right." in Burmese.
/// Keys are the English text; an untranslated one stays English.
/// </summary>
public static class ProblemText
{
    public static void Localize(ProblemDetailsContext context)
    {
        var services = context.HttpContext.RequestServices;
        IStringLocalizer[] sources = [services.GetRequiredService<IStringLocalizer<SharedResource>>(), services.GetRequiredService<IStringLocalizer<Alerts.AlertsResource>>()];
        string Text(string english) => sources.Select(s => s[english]).FirstOrDefault(s => !s.ResourceNotFound)?.Value ?? english;
        if (context.ProblemDetails.Title is { } title) context.ProblemDetails.Title = Text(title);
        if (context.ProblemDetails is HttpValidationProblemDetails validation)
            foreach (var field in validation.Errors.Keys.ToList()) validation.Errors[field] = [.. validation.Errors[field].Select(Text)];
    }
}
