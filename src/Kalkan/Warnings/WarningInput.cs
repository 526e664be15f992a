using Kalkan.Incidents;

namespace Kalkan.Warnings;

/// <summary>What a defender publishes, or a member sends for review (without an incident).</summary>
public sealed record WarningRequest(string? Kind, string? Severity, string? Description, string? District, string? Month,
    string? Plate = null, string? Phone = null, Guid? Incident = null);

/// <summary>A check: exactly one of plate and phone.</summary>
public sealed record CheckRequest(string? Plate = null, string? Phone = null);

/// <summary>A request found sound: trimmed text, and plate and phone in their normal forms beside what was typed.</summary>
public sealed record CheckedWarning(string Kind, string Severity, string Description, string District, string Month,
    string? Plate, string? PlateNormal, string? Phone, string? PhoneNormal, Guid? Incident);

/// <summary>The rules every warning and check passes, field by field; nothing is stored before they hold.</summary>
public static class WarningInput
{
    public const int DescriptionMaxLength = 1000, DistrictMaxLength = 100, IdentifierMaxLength = 32;

    public static (CheckedWarning? Valid, Validation Errors) Check(WarningRequest request, int phoneDigits, DateTimeOffset now)
    {
        var errors = new Validation();
        if (!WarningKinds.All.Contains(request.Kind ?? "")) errors.Add("kind", "One of violence, sexual_violence, robbery, non_payment, stalking, threats, other.");
        if (!WarningSeverities.All.Contains(request.Severity ?? "")) errors.Add("severity", "One of low, medium, high.");
        errors.Required("description", request.Description, DescriptionMaxLength);
        errors.Required("district", request.District, DistrictMaxLength);
        if (!IsMonth(request.Month, now)) errors.Add("month", "A month as YYYY-MM, not in the future.");
        var plate = Blank(request.Plate);
        var plateNormal = plate is null ? null : PlateOf(plate, errors);
        var phone = Blank(request.Phone);
        var phoneNormal = phone is null ? null : PhoneOf(phone, phoneDigits, errors, "phone");
        if (errors.Any) return (null, errors);
        return (new CheckedWarning(request.Kind!, request.Severity!, request.Description!.Trim(), request.District!.Trim(), request.Month!,
            plate, plateNormal, phone, phoneNormal, request.Incident), errors);
    }

    /// <summary>The normal form a check asks by: plate or phone, exactly one.</summary>
    public static (string Column, string? Normal, Validation Errors) Check(CheckRequest request, int phoneDigits)
    {
        var errors = new Validation();
        var plate = Blank(request.Plate);
        var phone = Blank(request.Phone);
        if (plate is null && phone is null) errors.Add("plate", "Give a plate or a phone number.").Add("phone", "Give a plate or a phone number.");
        else if (plate is not null && phone is not null) errors.Add("phone", "Check a plate or a phone number, one at a time.");
        else if (plate is not null) return (Warning.PlateColumn, PlateOf(plate, errors), errors);
        else return (Warning.PhoneColumn, PhoneOf(phone!, phoneDigits, errors, "phone"), errors);
        return ("", null, errors);
    }

    static string? PlateOf(string plate, Validation errors)
    {
        if (plate.Length > IdentifierMaxLength) { errors.Add("plate", $"At most {IdentifierMaxLength} characters."); return null; }
        var normal = Identifiers.Normalize(plate);
        if (normal.Length < 2) { errors.Add("plate", "A plate has at least two letters or digits."); return null; }
        return normal;
    }

    /// <summary>
    /// Digits only: spaces, brackets, dashes and dots go; a leading + or international 00 goes;
    /// then the last <paramref name="digits"/> digits, so "+996 555 12-34-56", "00996555123456"
    /// and "0555 123 456" are one number (decision 1701). Letters make it no number at all.
    /// </summary>
    public static string? PhoneOf(string phone, int digits, Validation errors, string field)
    {
        if (phone.Length > IdentifierMaxLength) { errors.Add(field, $"At most {IdentifierMaxLength} characters."); return null; }
        var only = new StringBuilder();
        foreach (var c in phone.Normalize(NormalizationForm.FormKC))
        {
            if (c is >= '0' and <= '9') only.Append(c);
            else if (!(char.IsWhiteSpace(c) || c is '+' or '-' or '.' or '(' or ')' or '/')) { errors.Add(field, "Only digits, spaces, +, -, ( and )."); return null; }
        }
        var number = only.ToString();
        if (phone.TrimStart().StartsWith("00", StringComparison.Ordinal)) number = number[2..];
        if (number.Length < digits || number.Length > 15) { errors.Add(field, "Too few or too many digits for a phone number."); return null; }
        return number[^digits..];
    }

    static bool IsMonth(string? month, DateTimeOffset now) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
        && first.Year >= 1990 && first <= DateOnly.FromDateTime(now.UtcDateTime);

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
