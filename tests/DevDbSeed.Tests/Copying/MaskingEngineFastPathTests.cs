using System.Globalization;
using System.Text;
using DevDbSeed.Catalog;
using DevDbSeed.Copying;
using DevDbSeed.Masking;
using DevDbSeed.Tests.Support;

namespace DevDbSeed.Tests.Copying;

/// <summary>
/// The masking engine's fast path (chunked COPY text, raw passthrough of
/// kept fields, memoised maskers, reused buffers) gives exactly the same bytes as the straightforward path
/// (split each row on tabs, unescape, call a fresh transformer per value, escape, join).
/// </summary>
public sealed class MaskingEngineFastPathTests
{
    private static readonly ColumnType FixedChar8 = new("character(8)", TypeCategory.FixedChar, MaxLength: 8);
    private static readonly ColumnType Jsonb = new("jsonb", TypeCategory.Jsonb);
    private static readonly ColumnType TextArray = new("text[]", TypeCategory.Array, Element: ColumnType.Text);

    /// <summary>The table: null rule = kept column.</summary>
    private static readonly Column[] Columns =
    [
        new("id", null, ColumnType.Text),
        new("email", "{ fake: internet.email, unique: true }", ColumnType.Text, MaxLength: 40, Unique: true),
        new("first_name", "name.firstName", ColumnType.Text),
        new("national_id", "{ hash: {} }", ColumnType.Text),
        new("phone", "{ mask: { keep_last: 2, with: \"#\" } }", ColumnType.Text),
        new("notes", null, ColumnType.Text),
        new("code", "{ hash: { length: 8 } }", FixedChar8, MaxLength: 8),
        new("city", "address.city", ColumnType.Text, MaxLength: 12),
        new("bio", "{ template: \"{{name.firstName}} {{name.lastName}}\" }", ColumnType.Text),
        new("profile", "{ json: { contact.email: internet.email, \"tags[*]\": { hash: {} } } }", Jsonb),
        new("aliases", "{ each: name.firstName }", TextArray),
        new("secret", "null", ColumnType.Text),
        new("status", "{ set: active }", ColumnType.Text),
    ];

    [Fact]
    public void Fast_path_gives_exactly_the_output_of_the_straightforward_path()
    {
        var input = Table(rows: 25_000, seed: 42);
        var maskers = Columns.Select(c => c.Rule is null ? null : new ColumnMasker(c.Create(), c.Type, memoise: true)).ToList();
        var engine = new CopyTextRowMasker(maskers);
        var oneChunk = new CopyTextRowMasker(Columns.Select(c => c.Rule is null ? null : new ColumnMasker(c.Create(), c.Type, memoise: true)).ToList());
        var whole = new Utf8Builder(input.Length * 2);

        var chunked = MaskInRandomChunks(engine, input, new Random(1));
        Assert.Equal(input.Length, oneChunk.MaskRows(input, whole));

        var reference = Straightforward(input, freshPerValue: false);
        AssertSameRows(reference, chunked);
        AssertSameRows(reference, whole.Written.ToArray());
        Assert.Equal(25_000, engine.Rows);
        Assert.True(maskers[2]!.MemoHits > 20_000, $"the memo answered {maskers[2]!.MemoHits} first names: the fast path was not exercised");
        Assert.True(maskers[4]!.MemoHits > 10_000, "the memo hardly answered phone numbers: the fast path was not exercised");
    }

    [Fact]
    public void Fast_path_matches_a_fresh_transformer_for_every_single_value()
    {
        var input = Table(rows: 800, seed: 7);
        var engine = new CopyTextRowMasker(Columns.Select(c => c.Rule is null ? null : new ColumnMasker(c.Create(), c.Type, memoise: true)).ToList());

        var fast = MaskInRandomChunks(engine, input, new Random(3));

        AssertSameRows(Straightforward(input, freshPerValue: true), fast);
    }

    [Fact]
    public void Memoised_and_unmemoised_engines_agree()
    {
        var input = Table(rows: 10_000, seed: 99);
        var memo = new CopyTextRowMasker(Columns.Select(c => c.Rule is null ? null : new ColumnMasker(c.Create(), c.Type, memoise: true)).ToList());
        var plain = new CopyTextRowMasker(Columns.Select(c => c.Rule is null ? null : new ColumnMasker(c.Create(), c.Type, memoise: false)).ToList());

        AssertSameRows(MaskInRandomChunks(plain, input, new Random(5)), MaskInRandomChunks(memo, input, new Random(6)));
    }

    /// <summary>The straightforward path, written without the engine: split, unescape, transform, escape, join.</summary>
    private static byte[] Straightforward(byte[] input, bool freshPerValue)
    {
        var transformers = Columns.Select(c => c.Rule is null ? null : c.Create()).ToArray();
        var output = new List<byte>(input.Length * 2);
        foreach (var row in Split(input, (byte)'\n').SkipLast(1))
        {
            var fields = Split(row, (byte)'\t');
            Assert.Equal(Columns.Length, fields.Count);
            for (var i = 0; i < fields.Count; i++)
            {
                if (i > 0)
                {
                    output.Add((byte)'\t');
                }

                var column = Columns[i];
                var field = fields[i];
                if (column.Rule is null || field.AsSpan().SequenceEqual("\\N"u8))
                {
                    output.AddRange(field);
                    continue;
                }

                var value = CopyReference.Unescape(field);
                if (column.Type.Category == TypeCategory.FixedChar)
                {
                    value = [.. value.AsSpan().TrimEnd((byte)' ')];
                }

                var transformer = freshPerValue ? column.Create() : transformers[i]!;
                var masked = new Utf8Builder();
                output.AddRange(transformer.Transform(value, masked) ? CopyReference.Escape(masked.Written.ToArray()) : "\\N"u8.ToArray());
            }

            output.Add((byte)'\n');
        }

        return [.. output];
    }

    private static byte[] MaskInRandomChunks(CopyTextRowMasker engine, byte[] input, Random sizes)
    {
        var output = new Utf8Builder(1 << 16);
        var pending = new Utf8Builder(1 << 16);
        var offset = 0;
        while (offset < input.Length)
        {
            var size = Math.Min(input.Length - offset, sizes.Next(3) == 0 ? sizes.Next(1, 64) : sizes.Next(1, 20_000));
            pending.Append(input.AsSpan(offset, size));
            offset += size;
            var consumed = engine.MaskRows(pending.Written, output);
            var rest = pending.Written[consumed..].ToArray();
            pending.Clear();
            pending.Append(rest);
        }

        Assert.Equal(0, pending.Length);
        return output.Written.ToArray();
    }

    /// <summary>COPY text of a table with repeated values (so memos engage), NULLs, empty strings and special characters.</summary>
    private static byte[] Table(int rows, int seed)
    {
        var random = new Random(seed);
        var emails = Enumerable.Range(0, 3000).Select(i => $"{Pick(random, FirstPool).ToLowerInvariant()}.{i}@corp.example").ToArray();
        var phones = Enumerable.Range(0, 400).Select(i => $"+1 ({random.Next(200, 999)}) {random.Next(100, 999)}-{random.Next(1000, 9999)}").ToArray();
        var longTexts = Enumerable.Range(0, 20).Select(i => string.Concat(Enumerable.Repeat($"long text {i} with ünïcode, tabs\tand\nnewlines ", 6))).ToArray();
        var text = new StringBuilder();
        var output = new List<byte>();
        for (var r = 0; r < rows; r++)
        {
            string?[] values =
            [
                r.ToString(CultureInfo.InvariantCulture),
                Special(random) ?? Pick(random, emails),
                Special(random) ?? Pick(random, FirstPool),
                Special(random) ?? $"{random.Next(100_000_000, 999_999_999)}",
                Special(random) ?? Pick(random, phones),
                Special(random) ?? Pick(random, NotesPool),
                Special(random) ?? Pick(random, CodePool).PadRight(8),
                random.Next(10) == 0 ? Pick(random, longTexts) : Special(random) ?? Pick(random, CityPool),
                random.Next(5) == 0 ? Pick(random, longTexts) : Special(random) ?? Pick(random, FirstPool) + " " + Pick(random, FirstPool),
                random.Next(20) == 0 ? null : $"{{\"contact\": {{\"email\": \"{Pick(random, emails)}\", \"note\": \"a\\tb \\\"q\\\"\"}}, \"tags\": [\"{Pick(random, FirstPool)}\", \"x\"], \"n\": {r}}}",
                random.Next(20) == 0 ? null : $"{{{Pick(random, FirstPool)},\"two words\",NULL,\"\",\"q\\\"uote\"}}",
                Special(random) ?? "top secret",
                Special(random) ?? "inactive",
            ];
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    output.Add((byte)'\t');
                }

                var value = values[i];
                output.AddRange(value is null || ReferenceEquals(value, NullMarker) ? "\\N"u8.ToArray() : PostgresCopyOut(value, random));
            }

            output.Add((byte)'\n');
        }

        return [.. output];
    }

    /// <summary>Stands for SQL NULL in <see cref="Special"/>'s answers (a real string could never be this instance).</summary>
    private static readonly string NullMarker = new(['<', 'N', 'U', 'L', 'L', '>']);

    /// <summary>NULL, an empty string or special characters for about one value in five; otherwise null (use the pool).</summary>
    private static string? Special(Random random) => random.Next(16) switch
    {
        0 => NullMarker,
        1 => string.Empty,
        2 => Pick(random, SpecialPool),
        _ => null,
    };

    private static readonly string[] FirstPool =
        ["Ann", "Bob", "Zoë", "Łukasz", "O'Brien", "Jean-Luc", "Renée", "Mary Ann", "José", "Søren", "Ødegaard", "Ana", "Li", "Nguyễn", "Иван", "太郎", "Émile", "Aoife", "Chloé", "Ýr", "Al", "Eve", "Max", "Ida", "Kai", "Uma", "Ola", "Ned", "Pia", "Sam"];

    private static readonly string[] CityPool = ["London", "Paris", "São Paulo", "Zürich", "Kraków", "New York", "Reykjavík", "東京", "Springfield"];

    private static readonly string[] NotesPool = ["", "note with \t tab", "line1\nline2", "back\\slash", "\\N", "quote \" '", "CR\r\nLF", "plain"];

    private static readonly string[] CodePool = ["AB12", "CD34", "EF56", "A", "ZZZZZZZZ", "x y"];

    private static readonly string[] SpecialPool = ["\\N", "tab\there", "new\nline", "back\\slash", "cr\rhere", "\"quoted\"", "Zoë 🎉", " ", "NULL", "\b\f\v"];

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    /// <summary>A value as COPY TO writes it (backslash, \b \f \n \r \t \v escaped), sometimes spelled with octal or hex escapes.</summary>
    private static byte[] PostgresCopyOut(string value, Random random)
    {
        var output = new List<byte>();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var escape = b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\b' => "\\b",
                (byte)'\f' => "\\f",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'\v' => "\\v",
                _ => null,
            };
            if (escape is not null)
            {
                output.AddRange(Encoding.ASCII.GetBytes(escape));
            }
            else if (b is (byte)'a' or (byte)'e' && random.Next(50) == 0)
            {
                output.AddRange(Encoding.ASCII.GetBytes(random.Next(2) == 0 ? $"\\{Convert.ToString(b, 8)}" : $"\\x{b:x2}"));
            }
            else
            {
                output.Add(b);
            }
        }

        return [.. output];
    }

    private static List<byte[]> Split(byte[] data, byte separator)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == separator)
            {
                parts.Add(data[start..i]);
                start = i + 1;
            }
        }

        parts.Add(data[start..]);
        return parts;
    }

    private static void AssertSameRows(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        var expectedRows = Encoding.UTF8.GetString(expected).Split('\n');
        var actualRows = Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Min(expectedRows.Length, actualRows.Length); i++)
        {
            Assert.True(expectedRows[i] == actualRows[i], $"row {i} differs:\nexpected {expectedRows[i]}\nactual   {actualRows[i]}");
        }

        Assert.Equal(expectedRows.Length, actualRows.Length);
    }

    private sealed record Column(string Name, string? Rule, ColumnType Type, int? MaxLength = null, bool Unique = false)
    {
        public IValueTransformer Create() => Masks.Rule(Rule!).CreateTransformer(Masks.Context(Type, MaxLength, Unique));
    }
}
