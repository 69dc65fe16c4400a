using DevDbSeed.Postgres.Schema;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Postgres.Schema;

/// <summary>Which pg_dump and pg_restore a run uses, among the directories it searches (PATH, then Debian's versioned ones).</summary>
public sealed class PostgresToolsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Debians_pg_wrapper_links_are_not_run_when_the_programs_themselves_are_found()
    {
        var path = Wrappers("path", version: 17);
        var versioned = Programs("lib/15/bin", version: 15);

        var found = await PostgresTools.FindInAsync([path, versioned], CancellationToken.None);

        var tools = Assert.Single(found);
        Assert.Equal((Path.Combine(versioned, "pg_dump"), Path.Combine(versioned, "pg_restore"), 15), (tools.PgDump, tools.PgRestore, tools.MajorVersion));
        Assert.False(File.Exists(Path.Combine(_root.Root, "wrapper-ran")));
    }

    [Fact]
    public async Task The_pg_wrapper_links_serve_when_they_are_all_there_is()
    {
        var path = Wrappers("path", version: 17);

        var tools = Assert.Single(await PostgresTools.FindInAsync([path], CancellationToken.None));

        Assert.Equal((Path.Combine(path, "pg_dump"), 17), (tools.PgDump, tools.MajorVersion));
    }

    [Fact]
    public async Task A_directory_reached_through_a_link_gives_its_programs_once()
    {
        var versioned = Programs("lib/16/bin", version: 16);
        var linked = Path.Combine(_root.Root, "bin");
        Directory.CreateSymbolicLink(linked, versioned);

        var found = await PostgresTools.FindInAsync([versioned, linked], CancellationToken.None);

        Assert.Equal(versioned, Path.GetDirectoryName(Assert.Single(found).PgDump));
    }

    public void Dispose() => _root.Dispose();

    /// <summary>pg_dump and pg_restore of <paramref name="version"/> in <paramref name="directory"/>.</summary>
    private string Programs(string directory, int version)
    {
        foreach (var program in new[] { "pg_dump", "pg_restore" })
        {
            Executable(Path.Combine(directory, program), $"#!/bin/sh\necho '{program} (PostgreSQL) {version}.2'\n");
        }

        return Path.Combine(_root.Root, directory);
    }

    /// <summary>pg_dump and pg_restore in <paramref name="directory"/> as links to a pg_wrapper (of <paramref name="version"/>) that notes it ran.</summary>
    private string Wrappers(string directory, int version)
    {
        var wrapper = Executable("share/pg_wrapper", $"#!/bin/sh\ntouch '{Path.Combine(_root.Root, "wrapper-ran")}'\necho \"$(basename $0) (PostgreSQL) {version}.0\"\n");
        var full = Path.Combine(_root.Root, directory);
        Directory.CreateDirectory(full);
        foreach (var program in new[] { "pg_dump", "pg_restore" })
        {
            File.CreateSymbolicLink(Path.Combine(full, program), wrapper);
        }

        return full;
    }

    private string Executable(string relativePath, string script)
    {
        var path = _root.Write(relativePath, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
