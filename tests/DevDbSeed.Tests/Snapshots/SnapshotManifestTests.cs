using DevDbSeed.Errors;
using DevDbSeed.Rules;
using DevDbSeed.Snapshots;

namespace DevDbSeed.Tests.Snapshots;

public sealed class SnapshotManifestTests
{
    private static readonly string Sha = new('b', 64);

    private static readonly SnapshotManifest Manifest = new(
        new DateTimeOffset(2026, 12, 7, 1, 2, 3, 456, TimeSpan.Zero), "1.2.3", "15.4", 15,
        new MaskedCopyMark(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), "1.2.3", "app@db:5432/prod", [new RulesFileInfo("rules.yaml", new string('a', 64))],
            new MarkedVerification(10, 2, 30, 0)),
        new SnapshotDatabase("UTF8", "C.UTF-8", "C.UTF-8", "c", null, "it's the dev copy"),
        new Dictionary<string, long> { ["public.people"] = 42, ["app.\"odd\" name"] = 0 },
        [new SnapshotPart(SnapshotManifest.DataPart, 1234, Sha)]);

    [Fact]
    public void A_manifest_reads_back_as_it_was_written()
    {
        var read = SnapshotManifest.Parse(Manifest.ToJson(), "nightly.devdbseed");

        Assert.Equal(Manifest.CreatedAt, read.CreatedAt);
        Assert.Equal((Manifest.ToolVersion, Manifest.ServerVersion, Manifest.PgDumpVersion), (read.ToolVersion, read.ServerVersion, read.PgDumpVersion));
        Assert.Equal(Manifest.Mark.ToJson(), read.Mark.ToJson());
        Assert.Equal(Manifest.Database, read.Database);
        Assert.Equal(Manifest.RowCounts.OrderBy(r => r.Key, StringComparer.Ordinal), read.RowCounts.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(Manifest.Parts, read.Parts);
        Assert.Contains("\"format_version\": 1", Manifest.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_whose_checksum_differs_is_named()
    {
        Assert.Null(Manifest.Mismatch(SnapshotManifest.DataPart, 1234, Sha.ToUpperInvariant()));
        Assert.Equal("data.dump SHA-256 differs from its manifest", Manifest.Mismatch(SnapshotManifest.DataPart, 1234, new string('c', 64)));
        Assert.Equal("data.dump is 1000 bytes, its manifest says 1234", Manifest.Mismatch(SnapshotManifest.DataPart, 1000, Sha));
        Assert.Equal("extra.bin is not listed in its manifest", Manifest.Mismatch("extra.bin", 1, Sha));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format_version\": 1}")]
    [InlineData("{\"format_version\": 2}")]
    public void A_manifest_that_cannot_be_read_is_a_configuration_error_naming_the_file(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => SnapshotManifest.Parse(text, "nightly.devdbseed"));

        Assert.StartsWith("nightly.devdbseed ", error.Message, StringComparison.Ordinal);
    }
}
