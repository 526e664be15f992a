using Kalkan.Tests.Seal;

namespace Kalkan.Tests.Web;

/// <summary>No input, however malformed, gets a 5xx or anything but problem+json.</summary>
public class BadInputTests
{
    static readonly string[] Bodies =
    [
        "{", "not json", "[]", "null", "123", "\"text\"", "{\"passphrase\": 5, \"handle\": [1]}", "{\"share\": {}}",
        "{\"handle\": null, \"passphrase\": null}", "{}", "{\"handle\": \"" + new string('x', 5000) + "\", \"passphrase\": true}",
    ];

    [Theory, Stores]
    public async Task Every_endpoint_answers_malformed_bodies_with_a_4xx_problem(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var token = await kalkan.Api().SignInAsync();

        var walked = Endpoints.TakingABody(kalkan.Services).Where(e => e.Path.StartsWith("/api/")).ToList();
        Assert.Contains(("POST", "/api/v1/session"), walked);
        var signedIn = kalkan.Api().WithToken(token);
        var tries = (from endpoint in walked
                     from body in Bodies
                     // An SOS needs nothing (no position, no note): any JSON object is a whole request, unknown fields ignored.
                     where !(AnyObjectIsWhole.Contains($"{endpoint.Method} {endpoint.Path}") && body.TrimStart().StartsWith('{') && IsJson(body))
                     from client in new[] { kalkan.Api(), signedIn }
                     select (endpoint.Method, endpoint.Path, body, client)).ToList();

        // Several at once: most of the time is spent waiting out deliberate floors (sign-in, join), not working.
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(tries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (attempt, ct) =>
        {
            var response = await attempt.client.SendAsync(new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Path)
            {
                Content = new StringContent(attempt.body, Encoding.UTF8, "application/json"),
            }, ct);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json")
                wrong.Add($"{attempt.Method} {attempt.Path} with {Short(attempt.body)} answered {status} {type}");
        });
        Assert.True(wrong.IsEmpty, string.Join("\n", wrong));
    }

    [Theory, Stores]
    public async Task A_body_over_one_mebibyte_is_refused_with_413(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var huge = "{\"handle\":\"" + new string('a', 1024 * 1024 + 10) + "\",\"passphrase\":\"x\"}";

        var declared = await kalkan.Api().PostAsync("/api/v1/session", new StringContent(huge, Encoding.UTF8, "application/json"));
        await declared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        streamed.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await kalkan.Api().SendAsync(request);
        await chunked.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory, Stores]
    public async Task Unknown_routes_and_methods_answer_with_a_problem(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);

        var missing = await kalkan.Api().GetAsync("/api/v1/nothing-here");
        await missing.ProblemAsync(HttpStatusCode.NotFound);

        var wrongMethod = await kalkan.Api().PutAsync("/api/v1/health", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.InRange((int)wrongMethod.StatusCode, 400, 499);
        await wrongMethod.ProblemAsync();
    }

    [Theory, Stores]
    public async Task A_field_of_the_wrong_type_is_named_in_the_problem(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);

        var response = await kalkan.Api().PostAsync("/api/v1/session", new StringContent("{\"handle\": 5, \"passphrase\": \"x\"}", Encoding.UTF8, "application/json"));
        var missing = await kalkan.Api().PostAsync("/api/v1/session", new StringContent("{\"handle\": \"aigul\"}", Encoding.UTF8, "application/json"));

        Assert.True((await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("handle", out _));
        Assert.True((await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("passphrase", out _));
    }

    static readonly string[] AnyObjectIsWhole = ["POST /api/v1/sos"];

    static bool IsJson(string body)
    {
        try { System.Text.Json.JsonDocument.Parse(body); return true; }
        catch (System.Text.Json.JsonException) { return false; }
    }

    static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
