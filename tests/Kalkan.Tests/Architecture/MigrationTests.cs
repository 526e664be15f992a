namespace Kalkan.Tests.Architecture;

/// <summary>
/// The committed migrations describe the model the features configure, on both stores: a key
/// declared from another folder (a push subscription's member, a case's incident) must not change
/// the schema unnoticed.
/// </summary>
public class MigrationTests
{
    [Theory, Stores]
    public async Task The_model_has_no_change_the_migrations_lack(Store kind)
    {
        await using var kalkan = await KalkanFactory.StartAsync(kind);
        using var scope = kalkan.Services.CreateScope();
        Assert.False(scope.ServiceProvider.GetRequiredService<KalkanDb>().Database.HasPendingModelChanges());
    }
}
