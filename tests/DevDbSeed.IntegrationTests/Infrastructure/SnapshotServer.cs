using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that a download test starts: it answers every GET with one body the way the test
/// asks (whole, an error status, cut short, trickling) and records the requests it got. One connection per request
/// (<c>Connection: close</c>); no Kestrel, no HttpListener, so a body can be cut short at an exact byte.
/// </summary>
public sealed class SnapshotServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[] _body;
    private readonly Answer _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<string> _requests = new();

    private SnapshotServer(byte[] body, Answer answer)
    {
        _body = body;
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>How the server answers.</summary>
    public enum Answer
    {
        /// <summary>200 with the whole body and its Content-Length.</summary>
        Whole,

        /// <summary>404 Not Found.</summary>
        NotFound,

        /// <summary>200 with the whole body's Content-Length, then half of it, then the connection closed.</summary>
        CutShort,

        /// <summary>200 with the whole body's Content-Length, then half of it, then nothing until the client goes away.</summary>
        Stalls,

        /// <summary>200 with the whole body's Content-Length, then 16 KB every 200 ms until the client goes away.</summary>
        Trickles,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each request's head (request line and headers), as received.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static SnapshotServer Start(byte[] body, Answer answer = Answer.Whole) => new(body, answer);

    /// <summary>A port nothing listens on (it was free a moment ago).</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary><c>http://[userInfo@]127.0.0.1:PORT/path[?query]</c>.</summary>
    public string Url(string path = "/snapshots/vca.devdbseed", string? userInfo = null, string? query = null) =>
        $"http://{(userInfo is null ? string.Empty : userInfo + "@")}127.0.0.1:{Port}{path}{(query is null ? string.Empty : "?" + query)}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                _requests.Enqueue(await ReadHeadAsync(stream));
                await AnswerAsync(stream);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away, or the server stopped
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var token = _stop.Token;
        if (_answer == Answer.NotFound)
        {
            await WriteAsync(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
            return;
        }

        await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {_body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n", token);
        var half = _body.Length / 2;
        switch (_answer)
        {
            case Answer.Whole:
                await stream.WriteAsync(_body, token);
                break;
            case Answer.CutShort:
                await stream.WriteAsync(_body.AsMemory(0, half), token);
                break;
            case Answer.Stalls:
                await stream.WriteAsync(_body.AsMemory(0, half), token);
                await Task.Delay(Timeout.Infinite, token);
                break;
            case Answer.Trickles:
                for (var sent = 0; sent < _body.Length; sent += 16384)
                {
                    await stream.WriteAsync(_body.AsMemory(sent, Math.Min(16384, _body.Length - sent)), token);
                    await Task.Delay(200, token);
                }

                break;
        }

        await stream.FlushAsync(token);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
        {
            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();
}
