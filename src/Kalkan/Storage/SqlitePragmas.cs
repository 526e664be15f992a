using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kalkan.Storage;

/// <summary>
/// Set on every SQLite connection: WAL so readers never block the writer; synchronous=FULL so a
/// 201 survives a power cut as well as a killed process; secure_delete so purged rows are
/// overwritten instead of lingering in free pages of a seized file.
/// </summary>
sealed class SqlitePragmas : DbConnectionInterceptor
{
    const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
