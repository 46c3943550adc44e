using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Keeps the exception the host logged for each failed request, by request id, so that a 500 in the report
/// (whose body rightly says nothing about internals but quotes the request id) names what went wrong.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentDictionary<string, string> ByRequestId { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Record(Exception exception)
    {
        string? requestId = null;
        _scopes?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "RequestId").Value is string id)
            {
                requestId = id;
            }
        }, (object?)null);
        if (requestId is null)
        {
            return;
        }
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        var where = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("EcoAssets", StringComparison.Ordinal)) ?? "";
        ByRequestId.TryAdd(requestId, $"{exception.GetType().Name}: {exception.Message}"
            + (innermost != exception ? $" ← {innermost.GetType().Name}: {innermost.Message}" : "")
            + (where.Length > 0 ? " " + where : ""));
    }

    private sealed class Logger(ServerErrorLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => log._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                log.Record(exception);
            }
        }
    }
}
