using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, from this machine's server binaries (initdb into a temporary folder, a
/// free port on 127.0.0.1; as root, the server runs as the <c>postgres</c> OS user, as scripts/test.sh does): for faults
/// that would disturb every other test on the shared server, such as restarting it. Without the binaries it fails
/// saying how to get them.
/// </summary>
public sealed class OwnCluster : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private readonly string _bin;
    private readonly string _directory;

    private OwnCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Connection = $"postgresql://postgres@127.0.0.1:{port}/postgres";
    }

    /// <summary>A postgresql:// URI of the cluster's superuser on its maintenance database.</summary>
    public string Connection { get; }

    private string Data => Path.Combine(_directory, "data");

    public static async Task<OwnCluster> StartAsync()
    {
        var bin = BinDirectory();
        var directory = Directory.CreateTempSubdirectory("devdbseed-own-pg-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // the server's OS user reaches its data folder
        }

        var cluster = new OwnCluster(bin, directory, FreePort());
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", OsUser, directory);
            }

            await cluster.AsOwnerAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
            var port = new Uri(cluster.Connection).Port;
            await cluster.AsOwnerAsync("pg_ctl", "-D", cluster.Data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={directory} -c fsync=off -c max_connections=60", "start");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Restarts the server (fast shutdown: every session is ended, as in a real restart) and waits until it accepts connections.</summary>
    public Task RestartAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "restart");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Directory.Exists(Data))
            {
                await AsOwnerAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsOwnerAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", OsUser, "--", Path.Combine(_bin, program), .. arguments]) : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}{await error}");
        }
    }

    /// <summary>The newest folder holding initdb and pg_ctl: DEVDBSEED_PG_BIN, then /usr/lib/postgresql/*/bin.</summary>
    private static string BinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("DEVDBSEED_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "This test restarts a PostgreSQL server of its own and needs the server binaries (initdb, pg_ctl) on this machine: "
                + "install them (Debian/Ubuntu: sudo apt-get install -y postgresql) or set DEVDBSEED_PG_BIN to their folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
