using System.Security.Cryptography;
using System.Text;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Rules;

public sealed class RulesLoaderParseTests : IDisposable
{
    private const string Text = """
        version: 1
        locale: de
        tables:
          public.countries: keep
          public.audit_log: empty
          public.users:
            columns:
              id: keep
              email: { fake: internet.email, unique: true }
              notes: { scrub: [email, phone] }
              zoë: null
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Parses_text_like_loading_the_same_file()
    {
        var parsed = RulesLoader.Parse(Text, "rules init output");
        var loaded = RulesLoader.Load(_dir.Write("rules.yaml", Text));

        Assert.Equal(loaded.Locale, parsed.Locale);
        Assert.Equal("de", parsed.Locale);
        Assert.Equal(loaded.Tables.Keys.Order(), parsed.Tables.Keys.Order());
        var columns = Assert.IsType<ColumnsTableRule>(parsed.Tables[Name("public.users")]).Columns;
        var loadedColumns = Assert.IsType<ColumnsTableRule>(loaded.Tables[Name("public.users")]).Columns;
        Assert.Equal(loadedColumns.Keys, columns.Keys);
        Assert.Equal(loadedColumns.Values.Select(c => c.Masking?.Canonical(false)), columns.Values.Select(c => c.Masking?.Canonical(false)));
        Assert.IsType<ScrubRule>(columns["notes"].Masking);
        Assert.Equal(loaded.Files.Single().Sha256, parsed.Files.Single().Sha256);
    }

    [Fact]
    public void Names_the_text_by_its_display_path_and_the_hash_of_its_utf8_bytes()
    {
        var parsed = RulesLoader.Parse(Text, "rules init output");

        var file = Assert.Single(parsed.Files);
        Assert.Equal("rules init output", file.DisplayPath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text))), file.Sha256);
    }

    [Theory]
    [InlineData("version: 1\ntables:\n  public.users:\n    columns:\n      email: internet.emial\n", "out.yaml:5:14: ", "internet.email")]
    [InlineData("version: 1\ntables:\n  users: keep\n", "out.yaml:3:3: ", "'users' is not a table name")]
    [InlineData("version: 2\ntables:\n  public.a: keep\n", "out.yaml:1:10: ", "rules version 2 is not supported")]
    [InlineData("version: 1\ntables:\n  public.a: keep\n  public.a: empty\n", "out.yaml:", "")]
    [InlineData("version: 1\ntables: [\n", "out.yaml:", "invalid YAML")]
    public void Errors_name_the_display_path_line_and_column(string text, string prefix, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Parse(text, "out.yaml"));

        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_text_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Parse(string.Empty, "out.yaml"));

        Assert.Contains("out.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
