namespace Kalkan.Web;

/// <summary>
/// No request body over 1 MiB, whether it says its length or streams it. Kestrel enforces its own
/// limit too; this covers every host (the test server has none) and answers with a problem.
/// </summary>
sealed class BodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Not async: a request passing through keeps no state of this middleware (an open stream lasts hours).</summary>
    public Task InvokeAsync(HttpContext context)
    {
        // An endpoint that streams large bodies (evidence uploads) says its own limit, and enforces it itself.
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { MaxRequestBodySize: > MaxBytes })
            return next(context);
        if (context.Request.ContentLength > MaxBytes)
            return Results.Problem(title: "The request body is larger than 1 MiB.", statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            context.Request.Body = new LimitedStream(context.Request.Body, MaxBytes);
        return next(context);
    }

    sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        long read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        int Count(int n)
        {
            read += n;
            if (read > limit) throw new BadHttpRequestException("The request body is larger than 1 MiB.", StatusCodes.Status413PayloadTooLarge);
            return n;
        }
    }
}
