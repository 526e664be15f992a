using System.Collections.Concurrent;

namespace Kalkan.Web.Logging;

/// <summary>
/// Writes the operator's log, one line an entry, to standard output and DATA/logs/kalkan.log. What may be logged is decided where the
/// logging happens (never an address, handle, place, narrative or token); this only keeps it.
/// Exceptions are written by type, not message, because messages can quote input.
/// </summary>
sealed class LineLoggerProvider : ILoggerProvider
{
    readonly StreamWriter writer;
    readonly Lock gate = new();
    readonly ConcurrentDictionary<string, LineLogger> loggers = new();

    readonly bool console;

    /// <summary>The clock of the lines' times: made before the host's services exist, so the system's unless told.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public LineLoggerProvider(string folder, bool console)
    {
        Storage.DataFolder.Ensure(folder);
        var stream = new FileStream(Path.Combine(folder, "kalkan.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        this.console = console;
    }

    public ILogger CreateLogger(string category) => loggers.GetOrAdd(category, c => new LineLogger(c, this));

    void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
            if (console) Console.Out.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (gate) writer.Dispose();
    }

    sealed class LineLogger(string category, LineLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(level)) return;
            var line = $"{provider.Clock.GetUtcNow():O} {level,-11} {category}: {formatter(state, null)}";
            if (exception is not null) line += $" [{exception.GetType().Name}]";
            provider.Write(line);
        }
    }
}
