using System.Net.Http.Headers;

namespace Kalkan.Tests.Cases;

public class CaseDocumentTests
{
    public static async Task<Guid> UploadAsync(HttpClient client, Guid caseId, string text, string name, string direction = "received")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        var response = await client.PostAsync($"/api/v1/cases/{caseId}/documents?direction={direction}", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory, Stores]
    public async Task A_document_comes_back_whole_to_the_cases_defenders_only(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        var (other, _) = await kalkan.MemberAsync("defender");

        var document = await UploadAsync(handling, id, "The prosecutor refuses to open a case.", "answer.txt");

        Assert.Equal("The prosecutor refuses to open a case.", await handling.GetStringAsync($"/api/v1/cases/{id}/documents/{document}"));
        var listed = Assert.Single((await handling.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/documents")).EnumerateArray());
        Assert.Equal("answer.txt", listed.GetProperty("name").GetString());
        Assert.Equal("received", listed.GetProperty("direction").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{id}/documents/{document}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{id}/documents")).StatusCode);
        var wrongWay = await handling.PostAsync($"/api/v1/cases/{id}/documents?direction=sideways", new StringContent("x"));
        Assert.True((await wrongWay.ProblemAsync()).GetProperty("errors").TryGetProperty("direction", out _));
    }

    [Theory, Stores]
    public async Task A_deadline_reminds_the_cases_defenders_once_when_it_comes_near(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind, settings: new Dictionary<string, string?> { ["Cases:ReminderInterval"] = "00:00:00.2" });
        var (handling, id) = await CaseSamples.HandlingDefenderAsync(kalkan);
        await using var stream = await EventStreamClient.OpenAsync(handling);

        var bad = await handling.PostAsJsonAsync($"/api/v1/cases/{id}/deadlines", new { due = "soon", label = "Appeal" });
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("due", out _));
        var due = DateTimeOffset.UtcNow.AddDays(2);
        Assert.Equal(HttpStatusCode.Created, (await handling.PostAsJsonAsync($"/api/v1/cases/{id}/deadlines", new { due = due.ToString("O"), label = "Appeal to the city court" })).StatusCode);

        var reminder = await stream.NextAsync("case-deadline", TimeSpan.FromSeconds(5));
        Assert.Equal(id, reminder.Data.GetProperty("case").GetGuid());
        Assert.True(await stream.QuietAsync("case-deadline", TimeSpan.FromSeconds(1)));
        var listed = Assert.Single((await handling.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/deadlines")).EnumerateArray());
        Assert.Equal("Appeal to the city court", listed.GetProperty("label").GetString());
        Assert.True(listed.GetProperty("reminded").GetBoolean());
    }
}
