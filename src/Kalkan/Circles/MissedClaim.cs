using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kalkan.Circles;

/// <summary>
/// Marks at most <c>limit</c> check-ins past due as missed, earliest due first, and reads them in the same
/// statement (UPDATE ... RETURNING): no second query to find what was claimed, and nothing stored to say who
/// claimed it. On PostgreSQL in the claim's transaction, skipping rows another instance is claiming (SKIP LOCKED).
/// </summary>
static class MissedClaim
{
    public static async Task<List<Checkin>> TakeAsync(KalkanDb db, DateTimeOffset now, int limit, bool shared, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // Column names as the model maps them, so a renamed property cannot leave this statement behind.
            var checkins = db.Model.FindEntityType(typeof(Checkin))!;
            string Column(string property) => $"\"{checkins.FindProperty(property)!.GetColumnName()}\"";
            var (id, state, dueAt) = (Column(nameof(Checkin.Id)), Column(nameof(Checkin.State)), Column(nameof(Checkin.DueAt)));
            var due = $"{state} = @pending AND {dueAt} <= @now";
            // Shared (PostgreSQL, several instances): rows another instance is claiming are skipped. SQLite (one
            // instance) finds them by rowid, its table's own key: in a scratch test outside the app (Python's sqlite3,
            // 100,000 rows of the same shape) a third faster than through the id's index (decision 1640).
            var which = shared
                ? $"{id} IN (SELECT {id} FROM {Checkin.Table} WHERE {due} ORDER BY {dueAt} LIMIT {limit} FOR UPDATE SKIP LOCKED)"
                : $"rowid IN (SELECT rowid FROM {Checkin.Table} WHERE {due} ORDER BY {dueAt} LIMIT {limit})";
            command.CommandText = $"""
                UPDATE {Checkin.Table} SET {state} = @missed, {Column(nameof(Checkin.FiredAt))} = @now WHERE {which}
                RETURNING {id}, {dueAt}, {Column(nameof(Checkin.OwnerSealed))}, {Column(nameof(Checkin.NoteSealed))}, {Column(nameof(Checkin.PositionSealed))}
                """;
            Parameter(command, "@missed", (int)CheckinState.Missed);
            Parameter(command, "@pending", (int)CheckinState.Pending);
            Parameter(command, "@now", now.ToUnixTimeMilliseconds());
            var claimed = new List<Checkin>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    claimed.Add(new Checkin
                    {
                        Id = reader.GetGuid(0),
                        DueAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                        OwnerIndex = [],
                        OwnerSealed = reader.GetFieldValue<byte[]>(2),
                        NoteSealed = reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
                        PositionSealed = reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                        State = CheckinState.Missed,
                        FiredAt = now,
                    });
            // The store answers in no particular order; her circle hears them as they fell due.
            claimed.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
            return claimed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
