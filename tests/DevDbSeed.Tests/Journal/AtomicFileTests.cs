using DevDbSeed.Journal;
using DevDbSeed.Running;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Journal;

/// <summary>The summary and metrics files are replaced in one step: a reader never sees half a file, and nothing is left beside them.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writing_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = _dir.Write("metrics.prom", "old content that is longer than the new one\n");

        AtomicFile.Write(path, "new\n");

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(["metrics.prom"], Directory.GetFiles(_dir.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_file_is_written_whole_in_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(_dir.Root, "summary.json");

        AtomicFile.Write(path, "{ \"name\": \"Łódź\" }\n");

        Assert.Equal("{ \"name\": \"Łódź\" }\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_folder_that_does_not_exist_throws_and_leaves_nothing()
    {
        var path = Path.Combine(_dir.Root, "missing", "summary.json");

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "{}\n"));

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Root));
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_file_as_it_was_and_no_temporary_file()
    {
        var path = _dir.Write("summary.json", "{ \"old\": true }\n");

        var thrown = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{ \"new\": "u8);
            throw new InvalidOperationException("the serializer failed");
        }));

        Assert.Equal("the serializer failed", thrown.Message);
        Assert.Equal("{ \"old\": true }\n", File.ReadAllText(path));
        Assert.Equal(["summary.json"], Directory.GetFileSystemEntries(_dir.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_writers_of_one_file_in_one_process_never_share_a_temporary_file()
    {
        var path = Path.Combine(_dir.Root, "metrics.prom");

        AtomicFile.Write(path, stream =>
        {
            stream.Write("first"u8);
            Task.Run(() => AtomicFile.Write(path, "second\n")).Wait(); // another writer, done while this one is under way
            stream.Write("\n"u8);
        });

        Assert.Equal("first\n", File.ReadAllText(path)); // the last to finish wins, each whole
        Assert.Equal(["metrics.prom"], Directory.GetFileSystemEntries(_dir.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_a_warning_and_the_other_file_is_still_written()
    {
        var record = RecordedRuns.Recorder(out _).Finish();
        var metrics = Path.Combine(_dir.Root, "metrics.prom");
        var summary = Path.Combine(_dir.Root, "missing", "summary.json");

        var problems = RunJournal.Write(record, summary, metrics);

        Assert.Equal(summary, Assert.IsType<RunFileNotWritten>(Assert.Single(problems)).Path);
        Assert.Contains(RunMetrics.LastSuccess, File.ReadAllText(metrics), StringComparison.Ordinal);
        Assert.Equal(["metrics.prom"], Directory.GetFiles(_dir.Root).Select(Path.GetFileName));
    }
}
