namespace Kalkan.Tests.Scale;

/// <summary>
/// Issue 16's "within a second" across instances, timed alone: beside the rest of the suite on two
/// cores the figure would measure the other tests.
/// </summary>
[Collection(TimingSensitive.Name)]
public class CrossInstanceDeliveryTests
{
    [PostgresFact]
    public async Task A_report_on_the_first_instance_reaches_streams_on_the_other_two()
    {
        await using var store = await TestStore.CreateAsync(Store.Postgres);
        var (reporter, listener) = await ManyInstancesTests.MembersAsync(store, "reporter", "listener");
        await using var instances = await Instances.StartAsync(store, 3);
        await using var second = await EventStreamClient.OpenAsync(instances.Client(1, listener));
        await using var third = await EventStreamClient.OpenAsync(instances.Client(2, listener));
        // A first report warms the fresh processes (JIT, first queries); the second one is timed.
        Assert.Equal(HttpStatusCode.Created, (await instances.Client(0, reporter).PostAsJsonAsync("/api/v1/alerts", ManyInstancesTests.Checkpoint)).StatusCode);
        await Task.WhenAll(second.NextAsync("alert", TimeSpan.FromSeconds(30)), third.NextAsync("alert", TimeSpan.FromSeconds(30)));

        var clock = Stopwatch.StartNew();
        var posted = await instances.Client(0, reporter).PostAsJsonAsync("/api/v1/alerts", ManyInstancesTests.Checkpoint);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var answered = clock.Elapsed;
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var heard = await Task.WhenAll(second.NextAsync("alert", TimeSpan.FromSeconds(30)), third.NextAsync("alert", TimeSpan.FromSeconds(30)));
        clock.Stop();
        Assert.All(heard, frame => Assert.Equal(id, frame.Data.GetProperty("id").GetString()));
        // Issue 16's aim: within a second (about 40 ms here when the machine is otherwise idle).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}, of which the report's own answer {answered}");
        // The same event has the same id everywhere: a phone may resume it on any instance.
        Assert.Equal(heard[0].Id, heard[1].Id);
    }
}
