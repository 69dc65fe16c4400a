using System.Text;
using BenchmarkDotNet.Attributes;
using DevDbSeed.Catalog;
using DevDbSeed.Masking;
using DevDbSeed.Masking.Fakes;
using DevDbSeed.Masking.Transformers;

namespace DevDbSeed.Benchmarks;

/// <summary>
/// One transformer over <see cref="Values"/> distinct originals (no memo: every value is computed), one core.
/// The target is at least 2 million values per second (500 ns a value) for fake, hash and mask.
/// </summary>
[MemoryDiagnoser]
public class TransformerBenchmarks
{
    public const int Values = 100_000;

    private byte[][] _originals = [];
    private IValueTransformer _transformer = null!;
    private readonly Utf8Builder _output = new();

    [Params("fake name.firstName", "fake internet.email (unique)", "fake address.streetAddress", "fake phone.phoneNumber",
        "hash length 12", "mask keep_last 4")]
    public string Rule { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var keys = MaskingKeys.FromSecret("benchmark-secret");
        var location = new DevDbSeed.Errors.SourceLocation("benchmark", 1, 1);
        var fakes = FakeCatalog.Default;
        (MaskingRule rule, bool unique) = Rule switch
        {
            "fake name.firstName" => ((MaskingRule)new FakeRule(location, fakes.Find("name.firstName")!, "en", false), false),
            "fake internet.email (unique)" => (new FakeRule(location, fakes.Find("internet.email")!, "en", false), true),
            "fake address.streetAddress" => (new FakeRule(location, fakes.Find("address.streetAddress")!, "en", false), false),
            "fake phone.phoneNumber" => (new FakeRule(location, fakes.Find("phone.phoneNumber")!, "en", false), false),
            "hash length 12" => (new HashRule(location, 12, HashAlphabet.Auto, false), false),
            _ => (new MaskRule(location, 0, 4, new Rune('#')), false),
        };
        _transformer = rule.CreateTransformer(new TransformerContext(keys, ColumnType.Text, 254, unique, fakes, "en"));
        _originals = [.. Enumerable.Range(0, Values).Select(i => Encoding.UTF8.GetBytes(Rule.StartsWith("mask", StringComparison.Ordinal)
            ? $"4{i:000} 1234 5678 {i % 10000:0000}"
            : $"original.value{i}@example.org"))];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int Transform()
    {
        var total = 0;
        foreach (var original in _originals)
        {
            _output.Clear();
            _transformer.Transform(original, _output);
            total += _output.Length;
        }

        return total;
    }
}
