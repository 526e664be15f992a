using System.Text.Json.Nodes;

namespace Kalkan.Delivery.Shared;

/// <summary>
/// An audience as JSON and back, so an event written by one instance reaches the right streams on
/// every other. It names member ids (who is in whose circle), so it is only ever stored sealed.
/// </summary>
static class AudienceCodec
{
    public static JsonNode Write(Audience audience) => audience switch
    {
        Audience.EveryoneAudience => new JsonObject { ["all"] = true },
        Audience.MemberAudience m => new JsonObject { ["members"] = new JsonArray([.. m.Ids.Select(id => (JsonNode)id.ToString("N"))]) },
        Audience.RoleAudience r => new JsonObject { ["roles"] = new JsonArray([.. r.Names.Select(n => (JsonNode)n)]) },
        Audience.EitherAudience e => new JsonObject { ["any"] = new JsonArray(Write(e.First), Write(e.Second)) },
        Audience.AnyAudience a => new JsonObject { ["any"] = new JsonArray([.. a.Audiences.Select(Write)]) },
        _ => throw new ArgumentException($"No shared form for {audience.GetType().Name}.", nameof(audience)),
    };

    public static Audience Read(JsonNode node)
    {
        var o = node.AsObject();
        if (o["all"] is not null) return Audience.Everyone;
        if (o["members"] is JsonArray members) return Audience.Members(members.Select(m => Guid.ParseExact(m!.GetValue<string>(), "N")));
        if (o["roles"] is JsonArray roles) return Audience.Roles([.. roles.Select(r => r!.GetValue<string>())]);
        if (o["any"] is JsonArray any) return Audience.AnyOf(any.Select(a => Read(a!)));
        throw new FormatException("Not an audience.");
    }
}
