using System.Text.RegularExpressions;
using Kalkan.Tests.Seal;
using Microsoft.AspNetCore.Routing;

namespace Kalkan.Tests.Members;

/// <summary>docs/permissions.md is the law: every endpoint is in it, and every role gets in exactly where it says.</summary>
public partial class PermissionTests
{
    static readonly Dictionary<string, string[]> Levels = new()
    {
        ["anyone"] = ["anonymous", "member", "documenter", "researcher", "defender", "admin"],
        ["member"] = ["member", "documenter", "researcher", "defender", "admin"],
        ["documenter"] = ["documenter", "defender", "admin"],
        ["defender"] = ["defender", "admin"],
        ["researcher"] = ["researcher", "admin"],
        ["advocacy"] = ["researcher", "defender", "admin"],
        ["admin"] = ["admin"],
    };

    // Calling these as an allowed role would end the test's own session or seal the server; they have tests of their own.
    static readonly string[] NotCalledWhenAllowed = ["DELETE /api/v1/session", "POST /api/v1/sys/seal", "DELETE /api/v1/account"];

    [Theory, Stores]
    public async Task Every_endpoint_lets_in_exactly_the_roles_the_matrix_names(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var matrix = Matrix();
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = kalkan.Api() };
        foreach (var role in new[] { "member", "documenter", "researcher", "defender", "admin" })
            clients[role] = (await kalkan.MemberAsync(role)).Client;

        var accepts = MappedEndpoints(kalkan.Services).ToDictionary(e => e.Name, e => e.ContentType);
        var mapped = accepts.Keys.ToList();
        var unlisted = mapped.Where(e => !matrix.ContainsKey(e)).ToList();
        Assert.True(unlisted.Count == 0, "Not in docs/permissions.md: " + string.Join(", ", unlisted));

        foreach (var endpoint in mapped)
        {
            var (method, template) = Split(endpoint);
            var path = Regex.Replace(template, @"\{[^}]+\}", Guid.NewGuid().ToString());
            foreach (var (role, client) in clients)
            {
                var allowed = Levels[matrix[endpoint]].Contains(role);
                if (allowed && NotCalledWhenAllowed.Contains(endpoint)) continue;
                var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                    request.Content = accepts[endpoint] == "application/json" ? JsonContent.Create(new { }) : new StringContent("", null, accepts[endpoint]);
                // Headers are enough, and a stream (alerts/stream) never ends by itself.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var status = response.StatusCode;
                // An allowed role gets an answer: not a refusal, and never a server error (contract: no input yields a 5xx).
                if (allowed)
                    Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500, $"{endpoint} answered {role} {(int)status}");
                else
                    Assert.True(status == (role == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), $"{endpoint} let {role} in: {(int)status}");
            }
        }
    }

    static Dictionary<string, string> Matrix()
    {
        var doc = File.ReadAllText(Path.Combine(Shared.RepoRoot(), "docs", "permissions.md"));
        var table = doc[doc.IndexOf("<!-- matrix -->")..doc.IndexOf("<!-- /matrix -->")];
        return Row().Matches(table).ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => m.Groups[3].Value);
    }

    /// <summary>"METHOD /template", and the content type its body takes (JSON unless it says otherwise).</summary>
    static IEnumerable<(string Name, string ContentType)> MappedEndpoints(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!template.StartsWith("/api/")) continue;
            template = Regex.Replace(template, @"\{(\w+)(:[^}]*)?\}", "{$1}");
            var contentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                yield return ($"{method} {template}", contentType);
        }
    }

    static (string Method, string Path) Split(string endpoint) => (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);


    [GeneratedRegex(@"^\| (GET|POST|PUT|DELETE|PATCH) \| (\S+) \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
