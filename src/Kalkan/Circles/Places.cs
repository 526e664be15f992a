using Kalkan.Web;

namespace Kalkan.Circles;

static class Places
{
    /// <summary>Latitude -90..90 and longitude -180..180, both or neither (or both, when required).</summary>
    public static Validation Validate(double? lat, double? lon, bool required)
    {
        var errors = new Validation();
        if (lat is null && lon is null)
        {
            if (required) errors.Add("lat", "Required.").Add("lon", "Required.");
            return errors;
        }
        if (lat is not (>= -90 and <= 90)) errors.Add("lat", "A latitude between -90 and 90.");
        if (lon is not (>= -180 and <= 180)) errors.Add("lon", "A longitude between -180 and 180.");
        return errors;
    }
}
