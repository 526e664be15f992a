using System.Text.Json.Serialization;

namespace Kalkan.Incidents;

/// <summary>
/// An incident as a documenter sends it (contract.md gives the smallest shape). Violations are
/// codes, or acts with details: ["arbitrary_arrest", {"code":"extortion","details":"..."}].
/// "seal": true seals it at once; "correction" says why a new version was made.
/// </summary>
public sealed record IncidentInput(
    string? OccurredOn = null,
    string? Place = null,
    double? Lat = null,
    double? Lon = null,
    string? District = null,
    List<ActInput?>? Violations = null,
    string? Narrative = null,
    List<PersonInput?>? Victims = null,
    List<PersonInput?>? Witnesses = null,
    List<PerpetratorInput?>? Perpetrators = null,
    string? Trigger = null,
    ConsentInput? Consent = null,
    bool? Seal = null,
    string? Correction = null);

[JsonConverter(typeof(ActInputConverter))]
public sealed record ActInput(string? Code, string? Details = null);

public sealed record PersonInput(string? Pseudonym, bool? Defender = null);

/// <summary>A perpetrator as described; "profile" links him to a known profile instead of starting a new one.</summary>
public sealed record PerpetratorInput(string? Kind, string? Unit = null, string? Badge = null, string? VehiclePlate = null,
    string? Description = null, Guid? Profile = null);

public sealed record ConsentInput(bool? Aggregate, bool? Advocacy, bool? Legal);

/// <summary>Reads an act written as a bare code or as {"code","details"}.</summary>
sealed class ActInputConverter : JsonConverter<ActInput>
{
    public override ActInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ActInput(reader.GetString());
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("An act is a code or {\"code\",\"details\"}.");
        string? code = null, details = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException("code and details are text."),
            };
            if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase)) code = value;
            else if (string.Equals(name, "details", StringComparison.OrdinalIgnoreCase)) details = value;
        }
        return new ActInput(code, details);
    }

    public override void Write(Utf8JsonWriter writer, ActInput value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("code", value.Code);
        writer.WriteString("details", value.Details);
        writer.WriteEndObject();
    }
}
