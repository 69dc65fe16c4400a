using System.Security.Cryptography;
using System.Text;
using DevDbSeed.IntegrationTests.Infrastructure;
using DevDbSeed.Snapshots;

namespace DevDbSeed.IntegrationTests.Snapshots;

/// <summary>
/// <c>snapshot create</c> packages a masked copy as one file and <c>snapshot restore</c> swaps it in elsewhere: same rows,
/// same schema, still marked. An unmarked database is never packaged; a tampered or truncated file is never restored.
/// </summary>
public sealed class SnapshotFileTests : IAsyncLifetime
{
    private readonly Pipelines _pipelines = new();
    private TestDatabases _databases = null!;
    private string _source = null!;
    private string _masked = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _databases = await TestDatabases.CreateAsync();
        await this.OrDisposeAsync(async () =>
        {
            _source = await _databases.CreateAsync("src", People.Schema);
            _masked = _databases.Name("dev");
            _pipelines.Write("rules.yaml", People.Rules);
            _file = Path.Combine(_pipelines.Directory, "nightly.devdbseed");
            Outputs.ExitCode(0, await Devdbseed.RunAsync("run", _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(_masked))));
        });
    }

    public async Task DisposeAsync()
    {
        await _databases.DisposeAsync();
        _pipelines.Dispose();
    }

    [Fact]
    public async Task A_run_with_snapshot_in_its_pipeline_publishes_the_database_it_swapped_in_as_a_file_that_restores()
    {
        var nightly = _databases.Name("nightly");
        var laptop = _databases.Name("laptop");
        var pipeline = _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(nightly), extra: "snapshot: published.devdbseed", name: "nightly.yaml");

        var run = await Devdbseed.RunAsync("run", pipeline, "--plain");
        var restored = await Devdbseed.RunAsync("snapshot", "restore", Path.Combine(_pipelines.Directory, "published.devdbseed"), "--target", _databases.Uri(laptop));

        Outputs.ExitCode(0, run);
        Outputs.Mentions(run, "packaging the new database as a snapshot file");
        Outputs.Mentions(run, $"snapshot written: {Path.Combine(_pipelines.Directory, "published.devdbseed")} (");
        Outputs.ExitCode(0, restored);
        Assert.Equal(await _databases.TableHashesAsync(nightly), await _databases.TableHashesAsync(laptop));
        Assert.Equal((await _databases.MarkOfAsync(nightly))!.ToJson(), (await _databases.MarkOfAsync(laptop))!.ToJson());
    }

    [Fact]
    public async Task A_run_with_snapshot_sign_key_publishes_a_signed_file_that_restores_only_with_its_public_key()
    {
        var nightly = _databases.Name("nightly");
        var laptop = _databases.Name("laptop");
        var privateKey = Path.Combine(_pipelines.Directory, "nightly.key.pem");
        var publicKey = Path.Combine(_pipelines.Directory, "nightly.pub.pem");
        var otherPublic = Path.Combine(_pipelines.Directory, "other.pub.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(privateKey, key.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(publicKey, key.ExportSubjectPublicKeyInfoPem());
            await File.WriteAllTextAsync(otherPublic, other.ExportSubjectPublicKeyInfoPem());
        }

        var pipeline = _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(nightly),
            extra: "snapshot: signed.devdbseed\nsnapshot_sign_key: nightly.key.pem", name: "signed.yaml");
        var file = Path.Combine(_pipelines.Directory, "signed.devdbseed");

        Outputs.ExitCode(0, await Devdbseed.RunAsync("run", pipeline, "--plain"));
        var refused = await Devdbseed.RunAsync("snapshot", "restore", file, "--target", _databases.Uri(laptop), "--verify-key", otherPublic);
        var restored = await Devdbseed.RunAsync("snapshot", "restore", file, "--target", _databases.Uri(laptop), "--verify-key", publicKey);

        Outputs.ExitCode(2, refused);
        Outputs.ExitCode(0, restored);
        Outputs.Mentions(restored, "signature verified with key sha256:");
        Assert.Equal(await _databases.TableHashesAsync(nightly), await _databases.TableHashesAsync(laptop));
    }

    [Fact]
    public async Task A_snapshot_sign_key_that_cannot_sign_refuses_the_run_before_anything_is_copied()
    {
        var nightly = _databases.Name("nightly");
        await File.WriteAllTextAsync(Path.Combine(_pipelines.Directory, "not-a-key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        var pipeline = _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(nightly),
            extra: "snapshot: signed.devdbseed\nsnapshot_sign_key: not-a-key.pem", name: "badkey.yaml");

        var run = await Devdbseed.RunAsync("run", pipeline, "--plain");

        Outputs.ExitCode(2, run);
        Outputs.NoStackTrace(run);
        Outputs.Mentions(run, "not-a-key.pem");
        Assert.False(await _databases.ExistsAsync(nightly));
    }

    [Fact]
    public async Task A_snapshot_whose_folder_does_not_exist_refuses_the_run_before_anything_is_copied()
    {
        var nightly = _databases.Name("nightly");
        var pipeline = _pipelines.Pipeline(_databases.Uri(_source), _databases.Uri(nightly), extra: "snapshot: no-such-folder/published.devdbseed", name: "nightly.yaml");

        var run = await Devdbseed.RunAsync("run", pipeline, "--plain");

        Outputs.ExitCode(2, run);
        Outputs.NoStackTrace(run);
        Outputs.Mentions(run, "published.devdbseed cannot be written: its folder does not exist");
        Assert.False(await _databases.ExistsAsync(nightly));
    }

    [Fact]
    public async Task A_snapshot_restored_into_another_target_holds_the_same_rows_and_schema_and_stays_marked()
    {
        var laptop = _databases.Name("laptop");

        var created = await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file);
        var restored = await Devdbseed.RunAsync("snapshot", "restore", _file, "--target", _databases.Uri(laptop), "--jobs", "2");

        Outputs.ExitCode(0, created);
        Outputs.ExitCode(0, restored);
        Assert.Equal(await _databases.TableHashesAsync(_masked), await _databases.TableHashesAsync(laptop));
        Assert.Equal(await PgDump.SchemaAsync(_databases, _masked), await PgDump.SchemaAsync(_databases, laptop));
        Assert.Equal(await _databases.SequencesAsync(_masked), await _databases.SequencesAsync(laptop));
        Assert.Equal((await _databases.MarkOfAsync(_masked))!.ToJson(), (await _databases.MarkOfAsync(laptop))!.ToJson());
        Assert.Equal([laptop], (await _databases.OursAsync()).Where(d => d.StartsWith(laptop, StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(_pipelines.Directory, ".*"));
    }

    [Fact]
    public async Task The_manifest_comes_first_and_counts_the_rows_of_every_table()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file));

        await using var stream = File.OpenRead(_file);
        using var tar = new System.Formats.Tar.TarReader(stream);
        var first = tar.GetNextEntry()!;
        using var text = new StreamReader(first.DataStream!, Encoding.UTF8);
        var manifest = SnapshotManifest.Parse(text.ReadToEnd(), _file);
        Assert.Equal(SnapshotManifest.EntryName, first.Name);
        Assert.Equal("manifest.sha256", tar.GetNextEntry()!.Name);
        Assert.Equal(SnapshotManifest.DataPart, tar.GetNextEntry()!.Name);
        Assert.Null(tar.GetNextEntry());
        Assert.Equal(await _databases.RowCountsAsync(_masked), new SortedDictionary<string, long>(manifest.RowCounts.ToDictionary(), StringComparer.Ordinal));
        Assert.Equal((await _databases.MarkOfAsync(_masked))!.ToJson(), manifest.Mark.ToJson());
    }

    [Fact]
    public async Task An_unmarked_database_is_refused_with_exit_3_and_no_file()
    {
        var result = await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_source), "--output", _file);

        Outputs.ExitCode(3, result);
        Outputs.Mentions(result, $"{_source} is not a masked DevDbSeed copy (no devdbseed.masked_copy mark): refusing to package it");
        Outputs.NoStackTrace(result);
        Assert.Empty(Directory.GetFiles(_pipelines.Directory, "*devdbseed*"));
    }

    [Fact]
    public async Task A_tampered_snapshot_is_refused_with_exit_2_and_the_target_untouched()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file));
        var bytes = await File.ReadAllBytesAsync(_file);
        bytes[DataOffset(bytes) + 100] ^= 0x01;
        await File.WriteAllBytesAsync(_file, bytes);

        await AssertRefusedAsync("data.dump SHA-256 differs from its manifest");
    }

    [Fact]
    public async Task A_snapshot_whose_manifest_was_changed_is_refused_with_exit_2_and_the_target_untouched()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file));
        var bytes = await File.ReadAllBytesAsync(_file);
        var rows = Encoding.ASCII.GetBytes("\"tool_version\"");
        var at = bytes.AsSpan().IndexOf(rows);
        Assert.True(at > 0, "no tool_version in the manifest");
        bytes[at + 1] = (byte)'T'; // still valid JSON, a different manifest
        await File.WriteAllBytesAsync(_file, bytes);

        await AssertRefusedAsync("manifest.json SHA-256 differs from manifest.sha256");
    }

    [Fact]
    public async Task A_truncated_snapshot_is_refused_with_exit_2_and_the_target_untouched()
    {
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file));
        var bytes = await File.ReadAllBytesAsync(_file);
        await File.WriteAllBytesAsync(_file, bytes[..(DataOffset(bytes) + 1000)]);

        await AssertRefusedAsync("is not an intact DevDbSeed snapshot: data.dump is 1000 bytes, its manifest says");
    }

    [Fact]
    public async Task Restoring_twice_keeps_the_first_restore_as_the_previous_copy()
    {
        var laptop = _databases.Name("laptop");
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "create", "--from", _databases.Uri(_masked), "--output", _file));
        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "restore", _file, "--target", _databases.Uri(laptop)));
        var first = await _databases.OidAsync(laptop);

        Outputs.ExitCode(0, await Devdbseed.RunAsync("snapshot", "restore", _file, "--target", _databases.Uri(laptop)));

        Assert.Equal(first, await _databases.OidAsync(laptop + "_previous"));
        Assert.NotEqual(first, await _databases.OidAsync(laptop));
        Assert.Equal(await _databases.TableHashesAsync(_masked), await _databases.TableHashesAsync(laptop));
        Assert.NotNull(await _databases.MarkOfAsync(laptop + "_previous"));
    }

    /// <summary>The file is refused before anything is created: the target (the masked copy itself) and the server's databases are as they were.</summary>
    private async Task AssertRefusedAsync(string message)
    {
        var before = await _databases.StateAsync(_masked);
        var databases = await _databases.OursAsync();

        var result = await Devdbseed.RunAsync("snapshot", "restore", _file, "--target", _databases.Uri(_masked));

        Outputs.ExitCode(2, result);
        Outputs.Mentions(result, message);
        Outputs.NoStackTrace(result);
        Assert.Equal(before, await _databases.StateAsync(_masked));
        Assert.Equal(databases, await _databases.OursAsync());
    }

    /// <summary>Where data.dump's content starts: after the last 512-byte tar header named data.dump.</summary>
    private static int DataOffset(byte[] tar)
    {
        var name = Encoding.ASCII.GetBytes(SnapshotManifest.DataPart + "\0");
        for (var header = (tar.Length / 512 * 512) - 512; header >= 0; header -= 512)
        {
            if (tar.AsSpan(header, name.Length).SequenceEqual(name))
            {
                return header + 512;
            }
        }

        throw new Xunit.Sdk.XunitException("no data.dump header");
    }
}
