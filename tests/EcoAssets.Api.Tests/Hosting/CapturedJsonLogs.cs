using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// A logger provider that writes each event with the host's own JSON console formatter (configured by the host as for
/// its console) into memory instead of the console, which the tests running in parallel share. It takes the host's
/// scopes (the request's, and the trace and span ids of activity tracking) as the console logger does.
/// </summary>
public sealed class CapturedJsonLogs(ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every line written so far, exactly as the console would have had it.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines parsed (each must be one JSON object).</summary>
    public IReadOnlyList<JsonElement> Events => [.. Lines.Select(line => JsonDocument.Parse(line).RootElement)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedJsonLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            owner.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, text);
            owner._lines.Enqueue(text.ToString());
        }
    }

    private ConsoleFormatter Formatter => formatter;
}
