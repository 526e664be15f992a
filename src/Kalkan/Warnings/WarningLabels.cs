using Microsoft.Extensions.Localization;

namespace Kalkan.Warnings;

/// <summary>The words for kinds and severities in her language, for every warning page.</summary>
public static class WarningLabels
{
    public static Dictionary<string, string> Kinds(IStringLocalizer r) => new()
    {
        ["violence"] = r["Violence"], ["sexual_violence"] = r["Sexual violence"], ["robbery"] = r["Robbery"], ["non_payment"] = r["Non-payment"],
        ["stalking"] = r["Stalking"], ["threats"] = r["Threats"], ["other"] = r["Other"],
    };

    public static Dictionary<string, string> Severities(IStringLocalizer r) => new()
    {
        ["low"] = r["Low"], ["medium"] = r["Medium"], ["high"] = r["High"],
    };
}
