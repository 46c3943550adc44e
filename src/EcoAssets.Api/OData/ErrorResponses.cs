using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;

namespace EcoAssets.Api.OData;

/// <summary>
/// The OData error shape for what never reaches a controller: unknown routes, wrong methods, bad URLs, unreadable
/// bodies and — for our own bugs — the 500 that says nothing about internals.
/// <para>
/// What is logged: every 5xx with its exception, at Error (the exception handler's own line for a request, ours for a
/// <c>$batch</c> part, whose exceptions the OData library would otherwise swallow into a bare 500); an exception that
/// only means bad input (400, 409, 413) at Information, without its stack trace; the status-code pages' answers (404,
/// 405, ...) at Debug. An expected 4xx is the caller's mistake, not a failure of the registry.
/// </para>
/// </summary>
public static partial class ErrorResponses
{
    /// <summary>The category of the lines written here.</summary>
    public const string LogCategory = "EcoAssets.Api.OData.ErrorResponses";

    public static WebApplication UseODataErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,
            // The middleware logs every exception at Error with its stack trace; bad input is logged below instead.
            SuppressDiagnosticsCallback = handled => StatusFor(handled.Exception) < StatusCodes.Status500InternalServerError,
            ExceptionHandler = async context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = exception is null ? 500 : StatusFor(exception);
                if (exception is not null && status < StatusCodes.Status500InternalServerError)
                {
                    LogRefused(logger, context.Request.Method, context.Request.Path, status, exception.GetType().Name, exception.Message);
                }
                await AnswerAsync(context, status, exception);
            },
        });
        // After the handler, so that a chunked body cut off at the limit is answered by it as a 413.
        app.UseRequestBodyLimit();
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.HasStarted || response.ContentLength > 0 || response.ContentType is not null)
            {
                return;
            }
            LogStatusPage(logger, status.HttpContext.Request.Method, status.HttpContext.Request.Path, response.StatusCode);
            var (code, message) = response.StatusCode switch
            {
                401 => ("Unauthorized", "Send a valid bearer token from /connect/token (OAuth 2.0 client credentials)."),
                403 => ("Forbidden", "This client's token does not carry the scope this operation needs."),
                404 => ("NotFound", $"No resource at {status.HttpContext.Request.Path}."),
                405 => ("MethodNotAllowed", $"{status.HttpContext.Request.Method} is not allowed on {status.HttpContext.Request.Path}."),
                415 => ("UnsupportedMediaType", "Send JSON (Content-Type: application/json)."),
                _ => ("Error", $"The request failed with status {response.StatusCode}."),
            };
            await WriteAsync(status.HttpContext, response.StatusCode, code, message, response.StatusCode is 401 or 403 ? "Authorization" : null);
        });
        return app;
    }

    /// <summary>
    /// Runs a <c>$batch</c> part, answering an exception from it as a request of its own would be answered (and logged):
    /// the OData library would turn it into an empty 500 and log nothing.
    /// </summary>
    public static async Task AnsweringExceptionsAsync(HttpContext part, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(part);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !part.RequestAborted.IsCancellationRequested)
        {
            var status = StatusFor(exception);
            var logger = part.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                LogPartFailed(logger, exception, part.Request.Method, part.Request.Path, status, part.TraceIdentifier);
            }
            else
            {
                LogRefused(logger, part.Request.Method, part.Request.Path, status, exception.GetType().Name, exception.Message);
            }
            part.Response.Clear();
            await AnswerAsync(part, status, exception);
        }
    }

    private static Task AnswerAsync(HttpContext context, int status, Exception? exception)
    {
        var (code, message) = status switch
        {
            400 => ("BadRequest", exception!.Message),
            409 => ("Conflict", "Another request changed the same data at the same time; read it again and retry."),
            413 => ("PayloadTooLarge", RequestBodyLimit.Unwrap(exception)?.Message ?? "The request body is too large."),
            _ => ("InternalError", $"The registry failed to answer; quote request id {context.TraceIdentifier} to the operators."),
        };
        return WriteAsync(context, status, code, message, status == StatusCodes.Status413PayloadTooLarge ? "body" : null);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string message, string? target)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message, target } }));
    }

    // Exceptions that mean "bad input", not "bug": an unparsable URL or body (ODataException from the URI parser or
    // reader), a value the reader rejected, a body over the size limit (413, however deeply the reader wrapped it),
    // and a write that lost a race in the database.
    private static int StatusFor(Exception exception) => exception switch
    {
        _ when RequestBodyLimit.Unwrap(exception) is { } bad => bad.StatusCode,
        ODataException or FormatException or JsonException => StatusCodes.Status400BadRequest,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {ExceptionType}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string exceptionType, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status}")]
    private static partial void LogStatusPage(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "$batch part {Method} {Path} failed with {Status} (request id {PartRequestId})")]
    private static partial void LogPartFailed(ILogger logger, Exception exception, string method, string path, int status, string partRequestId);
}
