using System.Text;
using BenchmarkDotNet.Attributes;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Rules;

namespace DevDbSeed.Benchmarks;

/// <summary>
/// Whole rows of a users table through the shipped rules (rules/vca.yaml), with the memo on, as a table copy runs them:
/// names and cities repeat like real data, e-mails and phones do not. The same rows as COPY text and as binary COPY (the kept
/// fields carried as their text bytes: the masker passes them on without looking).
/// </summary>
[MemoryDiagnoser]
public class RowMaskerBenchmarks
{
    private const int Rows = 50_000;
    private byte[] _copyText = [];
    private byte[] _binary = [];
    private readonly Utf8Builder _output = new(1 << 24);
    private RuleSet _rules = null!;
    private string[] _names = [];

    [GlobalSetup]
    public void Setup()
    {
        _rules = RulesLoader.Load(Path.Combine(RepositoryRoot(), "rules", "vca.yaml"));
        var first = new[] { "Mary", "John", "Zoë", "Łukasz", "Ana", "Wei", "Olu", "Sven" };
        var cities = Enumerable.Range(0, 300).Select(i => $"City {i}").ToArray();
        var text = new StringBuilder();
        for (var i = 1; i <= Rows; i++)
        {
            var f = first[i % first.Length] + (i % 97);
            text.Append(i).Append('\t').Append($"{f.ToLowerInvariant()}.person{i}@gmail.com").Append('\t').Append(f).Append('\t').Append("Smith").Append(i % 400)
                .Append('\t').Append(i % 4 == 0 ? "\\N" : $"+1 (555) {i:0000000}").Append('\t').Append($"19{50 + (i % 50)}-0{1 + (i % 9)}-1{i % 10}")
                .Append('\t').Append($"{i} Main Street").Append('\t').Append(cities[i % cities.Length]).Append('\t').Append($"{i % 99999:00000}")
                .Append('\t').Append("US").Append('\t').Append($"10.0.{i % 255}.{i % 7}")
                .Append('\t').Append(i % 3 == 0 ? "\\N" : $"Learning Rust in {cities[i % 300]}.\\tTabs and\\nnewlines.")
                .Append('\t').Append($"{{\"theme\": \"dark\", \"contact\": {{\"email\": \"x{i}@work.example.org\", \"phone\": \"555\"}}, \"addresses\": [{{\"city\": \"{cities[i % 300]}\", \"line1\": \"{i} Main\", \"postcode\": \"1\"}}]}}")
                .Append('\t').Append("active").Append('\t').Append("2024-01-01 10:00:00+00").Append('\t').Append("2024-01-02 10:00:00+00").Append('\n');
        }

        _copyText = Encoding.UTF8.GetBytes(text.ToString());
        _binary = Binary(_copyText);
        _names = ["id", "email", "first_name", "last_name", "phone", "birth_date", "street_address", "city", "postcode", "country_code", "signup_ip", "bio", "preferences", "status", "created_at", "updated_at"];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long MaskUsersRow()
    {
        var masker = new CopyTextRowMasker(Maskers());
        _output.Clear();
        masker.MaskRows(_copyText, _output);
        return masker.Rows;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long MaskUsersRowBinaryNoCodec()
    {
        var masker = new BinaryCopyRowMasker(Maskers(), [.. _names.Select(n => n == "preferences" ? BinaryField.Jsonb : BinaryField.Text)], _names);
        _output.Clear();
        masker.MaskRows(_binary, _output);
        return masker.Rows;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long MaskUsersRowBinary()
    {
        var fields = _names.Select(n => n switch { "preferences" => BinaryField.Jsonb, "birth_date" => BinaryField.Date, "signup_ip" => BinaryField.Inet, _ => BinaryField.Text });
        var masker = new BinaryCopyRowMasker(Maskers(), [.. fields], _names);
        _output.Clear();
        masker.MaskRows(_binary, _output);
        return masker.Rows;
    }

    private List<ColumnMasker?> Maskers()
    {
        var table = (ColumnsTableRule)_rules.Tables[new QualifiedName("public", "users")];
        var keys = MaskingKeys.FromSecret("benchmark-secret");
        return [.. _names.Select(n => table.Columns[n].Masking is { } rule
            ? new ColumnMasker(rule.CreateTransformer(new TransformerContext(keys, TypeOf(n), n == "email" ? 254 : null, n == "email", FakeCatalog.Default, "en")), TypeOf(n), memoise: true)
            : null)];
    }

    /// <summary>The rows of <paramref name="copyText"/> as binary COPY rows: each field unescaped, jsonb's with its version byte.</summary>
    private static byte[] Binary(byte[] copyText)
    {
        var output = new Utf8Builder();
        var field = new Utf8Builder();
        ReadOnlySpan<byte> rest = copyText;
        while (CopyText.NextRow(ref rest, out var row))
        {
            var fields = new CopyTextFields(row, 16);
            BinaryCopy.WriteFieldCount(16, output);
            for (var i = 0; i < 16; i++)
            {
                var value = fields.Next();
                if (CopyText.IsNull(value))
                {
                    BinaryCopy.WriteNull(output);
                    continue;
                }

                field.Clear();
                CopyText.Unescape(value, field);
                BinaryCopy.WriteField(i == 12 ? [1] : [], field.Written, output);
            }
        }

        return output.Written.ToArray();
    }

    private static ColumnType TypeOf(string column) => column switch
    {
        "birth_date" => new ColumnType("date", TypeCategory.Date),
        "signup_ip" => new ColumnType("inet", TypeCategory.Inet),
        "preferences" => new ColumnType("jsonb", TypeCategory.Jsonb),
        _ => ColumnType.Text,
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DevDbSeed.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
