using System.Reflection;
using Xunit.Sdk;

namespace Kalkan.Tests.Infrastructure;

/// <summary>
/// Runs a test once against SQLite and, when KALKAN_TEST_POSTGRES holds a connection string to a
/// server the tests may create databases on, once more against PostgreSQL (.ci/run sets it).
/// </summary>
public sealed class StoresAttribute : DataAttribute
{
    public const string PostgresVariable = "KALKAN_TEST_POSTGRES";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [Store.Sqlite];
        if (PostgresAdmin is not null) yield return [Store.Postgres];
    }
}

public enum Store { Sqlite, Postgres }
