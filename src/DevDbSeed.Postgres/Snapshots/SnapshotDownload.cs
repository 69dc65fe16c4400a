using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Running;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Postgres.Snapshots;

/// <summary>
/// Downloads a snapshot given by an http(s) URL to a file, streaming (the body is never held in memory) and reporting
/// its progress (<see cref="DownloadStarted"/>, <see cref="DownloadProgress"/>, <see cref="DownloadFinished"/>). Credentials
/// in the URL (<c>user:password@</c>) are sent as HTTP Basic authentication (and dropped by a redirect to another host),
/// never shown: messages name the URL as <see cref="SnapshotLocation.Display"/> does. An error status, a server that
/// cannot be reached, a body that ends before its Content-Length or stalls for <see cref="IdleTimeout"/> are a
/// <see cref="RunFailedException"/> (exit 1); the caller deletes the partial file.
/// </summary>
internal sealed class SnapshotDownload(IRunObserver observer)
{
    /// <summary>How long the body may send nothing before the download is given up.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often progress is reported at most.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromMilliseconds(200);

    public async Task DownloadAsync(string location, string path, CancellationToken cancellationToken)
    {
        var uri = SnapshotLocation.Url(location) ?? throw new ArgumentException("not an http(s) URL", nameof(location));
        var shown = SnapshotLocation.Display(location);
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), AllowAutoRedirect = true };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = Request(uri);
        var clock = Stopwatch.StartNew();
        using var response = await SendAsync(client, request, location, shown, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RunFailedException($"cannot download {shown}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }

        var total = response.Content.Headers.ContentLength;
        observer.OnEvent(new DownloadStarted(shown, total));
        long bytes;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            bytes = await CopyAsync(body, path, shown, total, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException and not WriteFailure)
        {
            throw new RunFailedException($"the download of {shown} was interrupted: {SnapshotLocation.Scrub(e.Message, location)}", e);
        }
        catch (WriteFailure e)
        {
            throw new RunFailedException($"cannot write the download of {shown} to {path}: {e.Message}", e.InnerException);
        }

        if (total is { } expected && bytes != expected)
        {
            throw new RunFailedException($"the download of {shown} ended early: {Size(bytes)} of {Size(expected)} bytes");
        }

        observer.OnEvent(new DownloadFinished(shown, bytes, clock.Elapsed));
    }

    /// <summary>The GET request, credentials taken out of the URL into an Authorization header.</summary>
    private static HttpRequestMessage Request(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return new HttpRequestMessage(HttpMethod.Get, uri);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri);
        var credentials = string.Join(':', uri.UserInfo.Split(':', 2).Select(Uri.UnescapeDataString));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string location, string shown,
        CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
        {
            var why = e is OperationCanceledException ? "the server did not answer" : SnapshotLocation.Scrub(e.Message, location);
            throw new RunFailedException($"cannot download {shown}: {why}", e);
        }
    }

    /// <summary>Copies the body to a new file at <paramref name="path"/>, reporting progress; returns its length.</summary>
    private async Task<long> CopyAsync(Stream body, string path, string shown, long? total, CancellationToken cancellationToken)
    {
        await using var file = Create(path);
        var buffer = new byte[1 << 17];
        var sinceReport = Stopwatch.StartNew();
        long bytes = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            idle.CancelAfter(IdleTimeout);
            int read;
            try
            {
                read = await body.ReadAsync(buffer, idle.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RunFailedException($"the download of {shown} stalled: nothing arrived for {IdleTimeout.TotalSeconds:0} s after {Size(bytes)} bytes", e);
            }

            if (read == 0)
            {
                break;
            }

            await WriteAsync(file, buffer.AsMemory(0, read), cancellationToken);
            bytes += read;
            if (sinceReport.Elapsed >= ProgressEvery)
            {
                observer.OnEvent(new DownloadProgress(shown, bytes, total));
                sinceReport.Restart();
            }
        }

        await WriteAsync(file, ReadOnlyMemory<byte>.Empty, cancellationToken, flush: true);
        observer.OnEvent(new DownloadProgress(shown, bytes, total));
        return bytes;
    }

    private static FileStream Create(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WriteFailure(e);
        }
    }

    private static async Task WriteAsync(FileStream file, ReadOnlyMemory<byte> data, CancellationToken cancellationToken, bool flush = false)
    {
        try
        {
            await file.WriteAsync(data, cancellationToken);
            if (flush)
            {
                await file.FlushAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WriteFailure(e);
        }
    }

    private static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Writing the downloaded file failed (a full disk), as opposed to reading the body.</summary>
    private sealed class WriteFailure(Exception inner) : IOException(inner.Message, inner);
}
