using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DevDbSeed.Catalog;
using DevDbSeed.Configuration;
using DevDbSeed.Errors;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Rules;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Rules;

public sealed class RulesLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Loads_every_table_form_and_every_column_rule_form()
    {
        var path = _dir.Write("rules.yaml", """
            version: 1
            tables:
              public.countries: keep
              public.audit_log: empty
              "crm.Customer Accounts":
                columns:
                  id: keep
                  E-mail: { fake: internet.email, unique: true }
                  first_name: name.firstName
                  display_name: { template: "{{name.firstName}} {{name.lastName}}" }
                  phone: { mask: { keep_last: 2, with: "#" } }
                  national_id: { hash: { length: 12 } }
                  birth_date: { shift: { days: 30 } }
                  salary: { noise: { ratio: 0.1 } }
                  notes: null
                  remarks: ~
                  status: { set: active }
                  profile: { json: { contact.email: internet.email, "addresses[*].line1": address.streetAddress } }
                  alt_emails: { each: internet.email }
            """);

        var rules = RulesLoader.Load(path);

        Assert.Equal("en", rules.Locale);
        Assert.Equal(3, rules.Tables.Count);
        Assert.IsType<KeepTableRule>(rules.Tables[new QualifiedName("public", "countries")]);
        Assert.IsType<EmptyTableRule>(rules.Tables[new QualifiedName("public", "audit_log")]);
        var columns = Assert.IsType<ColumnsTableRule>(rules.Tables[new QualifiedName("crm", "Customer Accounts")]).Columns;
        Assert.Equal(13, columns.Count);
        Assert.True(columns["id"].IsKeep);

        var email = Assert.IsType<FakeRule>(columns["E-mail"].Masking);
        Assert.Equal("internet.email", email.Generator.Name);
        Assert.True(email.ForcedUnique);

        var firstName = Assert.IsType<FakeRule>(columns["first_name"].Masking);
        Assert.Equal("name.firstName", firstName.Generator.Name);
        Assert.False(firstName.ForcedUnique);

        Assert.IsType<TemplateRule>(columns["display_name"].Masking);
        Assert.IsType<MaskRule>(columns["phone"].Masking);
        Assert.IsType<HashRule>(columns["national_id"].Masking);
        Assert.IsType<ShiftRule>(columns["birth_date"].Masking);
        Assert.IsType<NoiseRule>(columns["salary"].Masking);
        Assert.IsType<NullRule>(columns["notes"].Masking);
        Assert.IsType<NullRule>(columns["remarks"].Masking);
        Assert.Equal("active", Assert.IsType<SetRule>(columns["status"].Masking).Value);
        var json = Assert.IsType<JsonRule>(columns["profile"].Masking);
        Assert.Equal(["contact.email", "addresses[*].line1"], json.Members.Select(m => m.Path.ToString()));
        Assert.All(json.Members, m => Assert.IsType<FakeRule>(m.Rule));
        var each = Assert.IsType<EachRule>(columns["alt_emails"].Masking);
        Assert.Equal("internet.email", Assert.IsType<FakeRule>(each.Element).Generator.Name);
    }

    [Fact]
    public void Rule_locations_name_the_file_line_and_column_of_the_column_key()
    {
        var path = _dir.Write("rules.yaml", """
            version: 1
            tables:
              public.users:
                columns:
                  id: keep
                  email: internet.email
            """);

        var rules = RulesLoader.Load(path);

        var table = (ColumnsTableRule)rules.Tables[new QualifiedName("public", "users")];
        Assert.Equal(new SourceLocation(path, 3, 3), table.Location);
        Assert.Equal(new SourceLocation(path, 6, 7), table.Columns["email"].Location);
        Assert.Equal(new SourceLocation(path, 6, 14), table.Columns["email"].Masking!.Location);
    }

    [Fact]
    public void Records_each_file_with_the_sha256_of_its_bytes()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.t: keep\n");

        var rules = RulesLoader.Load(path);

        var info = Assert.Single(rules.Files);
        Assert.Equal(path, info.DisplayPath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), info.Sha256);
    }

    [Fact]
    public void Reads_a_locale_when_it_is_one_bogus_has()
    {
        var path = _dir.Write("rules.yaml", "version: 1\nlocale: de\ntables:\n  public.t: keep\n");

        Assert.Equal("de", RulesLoader.Load(path).Locale);
    }

    [Fact]
    public void Several_files_add_up_to_one_rule_set()
    {
        var a = _dir.Write("a.yaml", "version: 1\ntables:\n  public.a: keep\n");
        var b = _dir.Write("b.yaml", "version: 1\ntables:\n  public.b: empty\n");

        var rules = RulesLoader.Load([Reference(a), Reference(b)]);

        Assert.Equal(2, rules.Tables.Count);
        Assert.Equal(2, rules.Files.Count);
    }

    [Fact]
    public void Malformed_yaml_reports_the_line_of_the_misindented_key()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.users:\n    columns:\n      id: keep\n     email: internet.email\n      name: name.firstName\n");

        var error = LoadError(path);

        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, LineOf(error, path));
    }

    [Fact]
    public void Malformed_yaml_with_a_tab_reports_its_line()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.users:\n    columns:\n\temail: keep\n");

        Assert.Equal(5, LineOf(LoadError(path), path));
    }

    [Fact]
    public void Unknown_generator_suggests_the_closest_names()
    {
        var path = _dir.Write("rules.yaml", """
            version: 1
            tables:
              public.users:
                columns:
                  first_name: name.frist_name
            """);

        var error = LoadError(path);

        Assert.StartsWith($"{path}:5:19: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown generator 'name.frist_name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean name.firstName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_generator_in_the_long_form_is_reported_at_its_value()
    {
        var path = _dir.Write("rules.yaml", """
            version: 1
            tables:
              public.users:
                columns:
                  email: { fake: internet.emial, unique: true }
            """);

        var error = LoadError(path);

        Assert.Equal(5, LineOf(error, path));
        Assert.Contains("did you mean internet.email", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ fak: internet.email }", "'fak'", "fake")]
    [InlineData("{ hsah: { length: 4 } }", "'hsah'", "hash")]
    [InlineData("{ fake: internet.email, uniqe: true }", "'uniqe'", "unique")]
    [InlineData("{ mask: { keep_lst: 2 } }", "'keep_lst'", "keep_last")]
    [InlineData("{ mask: { wiht: x } }", "'wiht'", "with")]
    [InlineData("{ hash: { lenght: 4 } }", "'lenght'", "length")]
    [InlineData("{ hash: { alpahbet: hex } }", "'alpahbet'", "alphabet")]
    [InlineData("{ shift: { day: 3 } }", "'day'", "days")]
    [InlineData("{ noise: { ration: 0.1 } }", "'ration'", "ratio")]
    public void Unknown_rule_kinds_and_parameters_suggest_the_closest(string rule, string unknown, string suggestion)
    {
        var path = _dir.Write("rules.yaml", $"version: 1\ntables:\n  public.users:\n    columns:\n      c: {rule}\n");

        var error = LoadError(path);

        Assert.Equal(5, LineOf(error, path));
        Assert.Contains($"unknown key {unknown}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean {suggestion}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tabels: {}", "tables")]
    [InlineData("versoin: 1", "version")]
    [InlineData("locael: en", "locale")]
    public void Unknown_file_keys_suggest_the_closest(string line, string suggestion)
    {
        var path = _dir.Write("rules.yaml", $"version: 1\ntables:\n  public.t: keep\n{line}\n");

        var error = LoadError(path);

        Assert.Equal(4, LineOf(error, path));
        Assert.Contains($"did you mean {suggestion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_table_key_suggests_columns()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.t:\n    colums:\n      id: keep\n");

        var error = LoadError(path);

        Assert.Equal(4, LineOf(error, path));
        Assert.Contains("did you mean columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_named_twice_in_one_file_is_an_error_at_the_second_entry()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.users: keep\n  public.orders: keep\n  public.users: empty\n");

        var error = LoadError(path);

        Assert.Equal(5, LineOf(error, path));
        Assert.Contains("public.users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_named_twice_is_an_error_at_the_second_entry()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.users:\n    columns:\n      email: keep\n      id: keep\n      email: internet.email\n");

        var error = LoadError(path);

        Assert.Equal(7, LineOf(error, path));
    }

    [Fact]
    public void A_table_named_in_two_files_is_an_error_naming_the_first_place()
    {
        var a = _dir.Write("a.yaml", "version: 1\ntables:\n  public.users: keep\n");
        var b = _dir.Write("b.yaml", "version: 1\ntables:\n  public.orders: keep\n  public.users: empty\n");

        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Load([Reference(a), Reference(b)]));

        Assert.StartsWith($"{b}:4:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"already has a rule at {a}:3:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_version_is_an_error()
    {
        var path = _dir.Write("rules.yaml", "tables:\n  public.t: keep\n");

        var error = LoadError(path);

        Assert.Contains("no version", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("one")]
    public void An_unsupported_version_is_an_error_at_the_version(string version)
    {
        var path = _dir.Write("rules.yaml", $"tables:\n  public.t: keep\nversion: {version}\n");

        var error = LoadError(path);

        Assert.StartsWith($"{path}:3:10: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(version, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_locale_is_an_error_with_suggestions()
    {
        var path = _dir.Write("rules.yaml", "version: 1\nlocale: en_UX\ntables:\n  public.t: keep\n");

        var error = LoadError(path);

        Assert.StartsWith($"{path}:2:9: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown locale 'en_UX'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean en_US", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_with_different_locales_are_an_error()
    {
        var a = _dir.Write("a.yaml", "version: 1\nlocale: de\ntables:\n  public.a: keep\n");
        var b = _dir.Write("b.yaml", "version: 1\nlocale: fr\ntables:\n  public.b: keep\n");

        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Load([Reference(a), Reference(b)]));

        Assert.StartsWith($"{b}:2:9: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ mask: { keep_last: 2 }, unique: true }", "mask")]
    [InlineData("{ set: active, unique: true }", "set")]
    [InlineData("{ json: { a: internet.email }, unique: true }", "json")]
    [InlineData("{ each: internet.email, unique: true }", "each")]
    public void Unique_on_a_rule_that_cannot_keep_values_distinct_is_rejected(string rule, string kind)
    {
        var path = _dir.Write("rules.yaml", $"version: 1\ntables:\n  public.users:\n    columns:\n      c: {rule}\n");

        var error = LoadError(path);

        Assert.Equal(5, LineOf(error, path));
        Assert.Contains($"'{kind}' cannot keep values distinct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_with_an_unknown_generator_suggests_the_closest()
    {
        var path = _dir.Write("rules.yaml", """
            version: 1
            tables:
              public.users:
                columns:
                  display_name: { template: "{{name.frist_name}} {{name.lastName}}" }
            """);

        var error = LoadError(path);

        Assert.Equal(5, LineOf(error, path));
        Assert.Contains("unknown generator 'name.frist_name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean name.firstName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    [InlineData("a[*]b")]
    [InlineData("a.")]
    [InlineData("[-1]")]
    public void A_json_path_with_bad_syntax_is_an_error_at_the_path(string jsonPath)
    {
        var path = _dir.Write("rules.yaml", $"version: 1\ntables:\n  public.users:\n    columns:\n      profile:\n        json:\n          \"{jsonPath}\": internet.email\n");

        var error = LoadError(path);

        Assert.StartsWith($"{path}:7:11: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a JSON path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_name_without_a_schema_is_an_error_suggesting_one()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  users: keep\n");

        var error = LoadError(path);

        Assert.StartsWith($"{path}:3:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("write schema.table (e.g. public.users)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  public.t: copy\n", 3)]
    [InlineData("  public.t:\n    columns: {}\n", 3)]
    [InlineData("  public.t: [a, b]\n", 3)]
    public void A_table_that_is_not_keep_empty_or_columns_is_an_error(string table, int line)
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n" + table);

        Assert.Equal(line, LineOf(LoadError(path), path));
    }

    [Fact]
    public void A_file_without_tables_is_an_error()
    {
        var path = _dir.Write("rules.yaml", "version: 1\n");

        Assert.Contains("no tables", LoadError(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error_naming_it()
    {
        var path = _dir.Write("rules.yaml", "# nothing yet\n");

        Assert.StartsWith(path, LoadError(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_two_documents_is_an_error()
    {
        var path = _dir.Write("rules.yaml", "version: 1\ntables:\n  public.t: keep\n---\nversion: 1\n");

        Assert.Equal(5, LineOf(LoadError(path), path));
    }

    [Fact]
    public void A_rules_file_that_does_not_exist_is_an_error_where_it_is_named()
    {
        var missing = Path.Combine(_dir.Root, "missing.yaml");
        var namedAt = new SourceLocation("pipeline.yaml", 3, 8);

        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Load([new RulesReference(missing, "missing.yaml", namedAt)]));

        Assert.StartsWith("pipeline.yaml:3:8: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
    }

    private static RulesReference Reference(string path) => new(path, path, new SourceLocation("pipeline.yaml", 1, 1));

    private static ConfigurationException LoadError(string path)
    {
        var error = Assert.Throws<ConfigurationException>(() => RulesLoader.Load(path));
        Assert.Equal(ExitCode.InvalidConfiguration, error.ExitCode);
        Assert.Equal(2, (int)error.ExitCode);
        return error;
    }

    /// <summary>The line of a <c>file:line:col: message</c> error, failing when the message does not start that way.</summary>
    private static int LineOf(ConfigurationException error, string path)
    {
        var match = Regex.Match(error.Message, "^" + Regex.Escape(path) + @":(\d+):(\d+): \S");
        Assert.True(match.Success, $"'{error.Message}' does not start with {path}:line:col");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
