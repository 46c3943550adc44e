using EcoAssets.Api.Hosting;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.OData;

/// <summary>
/// The body-size limit (<c>Limits:MaxRequestBodyBytes</c>) for bodies sent without a Content-Length (chunked): a read
/// past the limit throws the same 413 <see cref="BadHttpRequestException"/> Kestrel's <c>MaxRequestBodySize</c> throws.
/// Kestrel already enforces it, but other servers (IIS in-process, the test server) do not, and the registry must
/// answer the same everywhere; a body with a Content-Length over the limit is refused before it is read
/// (<see cref="AbuseLimits"/>).
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<AbuseLimits.BodyLimit>>().Value.MaxBytes;
        return app.Use(next => context =>
        {
            if (context.Request.ContentLength is null && limit > 0)
            {
                context.Request.Body = new LimitedBody(context.Request.Body, limit);
            }
            return next(context);
        });
    }

    /// <summary>
    /// The <see cref="BadHttpRequestException"/> behind an exception, however deeply wrapped: the OData reader and
    /// the tasks it awaits wrap a failed body read in several layers of <see cref="AggregateException"/>.
    /// </summary>
    public static BadHttpRequestException? Unwrap(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 32; depth++)
        {
            switch (exception)
            {
                case BadHttpRequestException bad:
                    return bad;
                case AggregateException aggregate:
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        if (Unwrap(inner) is { } found)
                        {
                            return found;
                        }
                    }
                    return null;
                default:
                    exception = exception.InnerException;
                    break;
            }
        }
        return null;
    }

    private sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than the limit of {limit:N0} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
            return read;
        }
    }
}
