using Microsoft.EntityFrameworkCore.Design;

namespace Kalkan.Storage;

// Used only by `dotnet ef migrations add`, never at run time.
sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKalkanDb>
{
    public SqliteKalkanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKalkanDb>().UseSqlite("Data Source=design.db").Options);
}

sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKalkanDb>
{
    public PostgresKalkanDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKalkanDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
