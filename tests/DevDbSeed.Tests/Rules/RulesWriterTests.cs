using System.Globalization;
using DevDbSeed.Catalog;
using DevDbSeed.Detection;
using DevDbSeed.Masking.Transformers;
using DevDbSeed.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static DevDbSeed.Tests.Support.Catalogs;

namespace DevDbSeed.Tests.Rules;

public sealed class RulesWriterTests
{
    [Fact]
    public void The_written_rules_load_back_with_every_table_and_column_rule()
    {
        var text = RulesWriter.Write("shop", Shop());

        var rules = RulesLoader.Parse(text, "rules.yaml");

        Assert.Equal(["public.countries", "public.users", "sales.orders"], rules.Tables.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.IsType<KeepTableRule>(rules.Tables[Name("public.countries")]);
        var users = Assert.IsType<ColumnsTableRule>(rules.Tables[Name("public.users")]).Columns;
        Assert.Equal(["id", "email", "notes", "avatar"], users.Keys);
        Assert.True(users["id"].IsKeep);
        Assert.Equal("internet.email", Assert.IsType<FakeRule>(users["email"].Masking).Generator.Name);
        Assert.IsType<ScrubRule>(users["notes"].Masking);
        Assert.IsType<NullRule>(users["avatar"].Masking);
        var orders = Assert.IsType<ColumnsTableRule>(rules.Tables[Name("sales.orders")]).Columns;
        Assert.Equal(["id", "total"], orders.Keys);
    }

    [Fact]
    public void Output_is_stable_and_tables_are_sorted_whatever_the_input_order()
    {
        var tables = Shop();

        var first = RulesWriter.Write("shop", tables);
        var again = RulesWriter.Write("shop", tables);
        var reversed = RulesWriter.Write("shop", [.. tables.AsEnumerable().Reverse()]);

        Assert.Equal(first, again);
        Assert.Equal(first, reversed);
        var tableLines = first.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["public.countries", "public.users", "sales.orders"], tableLines.Select(l => l.Trim().Split(':')[0]));
    }

    [Fact]
    public void Tables_sort_by_schema_then_name_ordinally()
    {
        TableSuggestion Kept(string name) => new(Name(name), [], "nothing personal");

        var text = RulesWriter.Write("db", [Kept("public.b"), Kept("Public.a"), Kept("public.B"), Kept("api.z"), Kept("public.a")]);

        var order = text.Split('\n').Where(l => l.EndsWith("# nothing personal", StringComparison.Ordinal)).Select(l => l.Trim().Split(':')[0]).ToList();
        Assert.Equal(["Public.a", "api.z", "public.B", "public.a", "public.b"], order);
    }

    [Fact]
    public void Every_rule_line_carries_its_reason_as_a_comment()
    {
        var text = RulesWriter.Write("shop", Shop());
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.All(lines.Where(l => l.StartsWith('#')), l => Assert.StartsWith("# ", l, StringComparison.Ordinal));
        Assert.Contains("shop", lines[0], StringComparison.Ordinal);
        var ruleLines = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#') && !l.TrimEnd().EndsWith(':')).ToList();
        Assert.Equal(7, ruleLines.Count);
        Assert.All(ruleLines, l => Assert.Matches(@"^ +\S.*\S +# \S", l));
        Assert.Contains(lines, l => l.StartsWith("      email: internet.email", StringComparison.Ordinal) && l.EndsWith("# the name 'email' suggests an e-mail address", StringComparison.Ordinal));
        Assert.Contains("      # created_by: follows public.users.id (foreign key): masked the same way, no rule", lines);
        Assert.Contains("      # total_with_tax: generated: recomputed from the masked columns, no rule", lines);
    }

    [Fact]
    public void Comments_start_in_one_column_so_the_file_reads_as_a_table()
    {
        var text = RulesWriter.Write("shop", Shop());

        var columns = text.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" # ", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.IndexOf(" # ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Single(columns);
    }

    [Fact]
    public void A_reason_over_several_lines_stays_one_comment()
    {
        var table = new TableSuggestion(Name("public.t"), [new ColumnSuggestion("a", new Suggestion(null, "first line\nsecond line"))], null);

        var text = RulesWriter.Write("db", [table]);

        Assert.Contains("a: keep", text, StringComparison.Ordinal);
        Assert.Contains("# first line second line\n", text, StringComparison.Ordinal);
        Assert.True(RulesLoader.Parse(text, "rules.yaml").Tables.ContainsKey(Name("public.t")));
    }

    [Theory]
    [InlineData("plain_name", "plain_name")]
    [InlineData("E-mail", "E-mail")]
    [InlineData("first name", "\"first name\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("NULL", "\"NULL\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("OFF", "\"OFF\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("n", "\"n\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("a:b", "\"a:b\"")]
    [InlineData("#hash", "\"#hash\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("Zoë", "\"Zoë\"")]
    [InlineData("-dash", "\"-dash\"")]
    [InlineData(".hidden", "\".hidden\"")]
    [InlineData("contact.email", "contact.email")]
    [InlineData("_private", "_private")]
    [InlineData("price$", "price$")]
    [InlineData("$.a.b", "\"$.a.b\"")]
    [InlineData("addresses[*].line1", "\"addresses[*].line1\"")]
    [InlineData("1st", "\"1st\"")]
    [InlineData("", "\"\"")]
    public void Keys_are_quoted_when_yaml_would_read_them_otherwise(string key, string written) => Assert.Equal(written, RulesWriter.Key(key));

    [Theory]
    [InlineData("plain_name")]
    [InlineData("contact.email")]
    [InlineData("e-mail")]
    [InlineData("price$")]
    [InlineData("a$b.c-d")]
    [InlineData(".hidden")]
    [InlineData(".")]
    [InlineData(".inf")]
    [InlineData("-dash")]
    [InlineData("-")]
    [InlineData("-.inf")]
    [InlineData("-1")]
    [InlineData("$")]
    [InlineData("$.a.b[2]")]
    [InlineData("addresses[*].line1")]
    [InlineData("a, b")]
    [InlineData("{y}")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("<<")]
    [InlineData("0x1F")]
    [InlineData("null")]
    [InlineData("line\nbreak")]
    public void A_written_key_reads_back_as_the_same_string_in_block_and_flow_mappings(string key)
    {
        foreach (var yaml in new[] { $"{RulesWriter.Key(key)}: x\n", $"{{ {RulesWriter.Key(key)}: x }}\n" })
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var mapping = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
            var read = Assert.IsType<YamlScalarNode>(Assert.Single(mapping.Children).Key);
            Assert.Equal(key, read.Value);
            Assert.True(read.Style != ScalarStyle.Plain || !double.TryParse(key, CultureInfo.InvariantCulture, out _), $"{yaml} reads as a number");
        }
    }

    [Fact]
    public void Awkward_column_and_table_names_survive_a_round_trip()
    {
        string[] names = ["first name", "null", "NULL", "~", "yes", "no", "on", "off", "True", "y", "N", "123", "1.5", "a:b", "#tag", "say \"hi\"", "back\\slash", "Zoë", "E-mail", "with\ttab", "[x]", "{y}", "*star", "&anchor", "!tag", "%pct", "@at", "`tick`", "a, b", "?q", "|pipe", ">gt", "'single'"];
        var table = new TableSuggestion(new QualifiedName("crm", "Customer Accounts"), [.. names.Select(n => new ColumnSuggestion(n, new Suggestion(null, "reviewed")))], null);
        var yes = new TableSuggestion(new QualifiedName("public", "yes"), [], "kept");

        var rules = RulesLoader.Parse(RulesWriter.Write("db", [table, yes]), "rules.yaml");

        var columns = Assert.IsType<ColumnsTableRule>(rules.Tables[new QualifiedName("crm", "Customer Accounts")]).Columns;
        Assert.Equal(names, columns.Keys);
        Assert.IsType<KeepTableRule>(rules.Tables[new QualifiedName("public", "yes")]);
    }

    [Theory]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("carriage\rreturn", "\"carriage\\rreturn\"")]
    [InlineData("with\ttab", "\"with\\ttab\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("unit\u001fsep", "\"unit\\x1Fsep\"")]
    [InlineData("next\u0085line", "\"next\\Nline\"")]
    [InlineData("line\u2028sep", "\"line\\Lsep\"")]
    [InlineData("delete\u007f", "\"delete\\x7F\"")]
    public void Control_characters_in_keys_are_written_as_escapes(string key, string written) => Assert.Equal(written, RulesWriter.Key(key));

    [Fact]
    public void Names_with_line_breaks_and_control_characters_survive_a_round_trip_and_comments_stay_on_one_line()
    {
        // PostgreSQL allows any character but NUL in a quoted identifier. A line break written raw inside a quoted YAML
        // key would be read back as a space, and the rule would name a column that does not exist.
        string[] names = ["line\nbreak", "crlf\r\nname", "tab\there", "bell\u0007", "esc\u001b[0m", "next\u0085line", "sep\u2028arator", "del\u007f"];
        var table = new TableSuggestion(new QualifiedName("public", "odd\nnames"), [
            .. names.Select(n => new ColumnSuggestion(n, new Suggestion(null, $"the name '{n}' suggests nothing"))),
            new ColumnSuggestion("gen\rerated", null, "follows public.odd\nnames.line\nbreak (foreign key): masked the same way, no rule"),
        ], null);

        var text = RulesWriter.Write("odd\ndb", [table]);

        var rules = RulesLoader.Parse(text, "rules.yaml");
        var columns = Assert.IsType<ColumnsTableRule>(rules.Tables[new QualifiedName("public", "odd\nnames")]).Columns;
        Assert.Equal(names, columns.Keys);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(7 + 2 + names.Length + 1, lines.Length); // the header, the table and its columns: line, a line per column and the comment
        Assert.DoesNotContain(lines, l => l.Any(c => char.IsControl(c) || c is '\u2028'));
    }

    [Fact]
    public void The_header_explains_the_file_and_update()
    {
        var text = RulesWriter.Write("vca_production", []);

        Assert.StartsWith("# Masking rules written by `devdbseed rules init` from the schema and a sample of the data of vca_production.", text, StringComparison.Ordinal);
        Assert.Contains("rules init --update", text, StringComparison.Ordinal);
        Assert.EndsWith("version: 1\ntables:\n", text, StringComparison.Ordinal);
    }

    /// <summary>A kept table, a table with a rule per column (and comments for a foreign key and a generated column), a table in another schema.</summary>
    private static List<TableSuggestion> Shop() =>
    [
        new(Name("sales.orders"), [
            new ColumnSuggestion("id", new Suggestion(null, "reviewed by a tool")),
            new ColumnSuggestion("created_by", null, "follows public.users.id (foreign key): masked the same way, no rule"),
            new ColumnSuggestion("total", new Suggestion(null, "reviewed by a tool")),
            new ColumnSuggestion("total_with_tax", null, "generated: recomputed from the masked columns, no rule"),
        ], null),
        new(Name("public.users"), [
            new ColumnSuggestion("id", new Suggestion(null, "reviewed by a tool")),
            new ColumnSuggestion("email", new Suggestion("internet.email", "the name 'email' suggests an e-mail address")),
            new ColumnSuggestion("notes", new Suggestion("{ scrub: [email, phone] }", "of 10 sampled values, 20 % contain e-mail addresses")),
            new ColumnSuggestion("avatar", new Suggestion("null", "binary data (pictures, documents) cannot be reviewed: set to NULL")),
        ], null),
        new(Name("public.countries"), [new ColumnSuggestion("code", new Suggestion(null, "nothing"))], "reviewed by devdbseed rules init (a tool, not a person): nothing personal"),
    ];
}
