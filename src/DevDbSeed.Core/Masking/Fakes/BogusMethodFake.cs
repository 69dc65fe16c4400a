using System.Globalization;
using System.Reflection;
using Bogus;

namespace DevDbSeed.Masking.Fakes;

/// <summary>
/// Any Bogus generator (<c>dataset.method</c>) called through Bogus itself, with its randomizer reseeded
/// from the keyed random source for each value. Complete but slow (1–10 µs a value, and Bogus serialises
/// draws behind a process-wide lock), so the common generators have fast equivalents.
/// </summary>
public sealed class BogusMethodFake : FakeGenerator
{
    /// <summary>Bogus's date generators count from "now"; a fixed reference keeps fakes the same in every run.</summary>
    public static readonly DateTime DateReference = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Faker _faker;
    private readonly SeededRandom _random = new();
    private readonly Func<Faker, object?> _call;
    private readonly FakeOutput _output;

    public BogusMethodFake(LocaleData locale, Func<Faker, object?> call, FakeOutput output)
    {
        _faker = new Faker(locale.Locale) { DateTimeReference = DateReference };
        _faker.Random = new SeededRandomizer(_random);
        _call = call;
        _output = output;
    }

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        _random.Reseed(random.NextUInt64(), random.NextUInt64());
        output.Append(Format(_call(_faker), _output));
    }

    /// <summary>Formats a generated value as PostgreSQL reads it.</summary>
    internal static string Format(object? value, FakeOutput output) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d when output == FakeOutput.Date => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Maps a .NET return type to the kind of value it is; null when it cannot be stored.</summary>
    internal static FakeOutput? OutputOf(Type type) => type switch
    {
        _ when type == typeof(string) => FakeOutput.Text,
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) => FakeOutput.Integer,
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => FakeOutput.Decimal,
        _ when type == typeof(bool) => FakeOutput.Boolean,
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => FakeOutput.Timestamp,
        _ when type == typeof(DateOnly) => FakeOutput.Date,
        _ when type == typeof(TimeOnly) => FakeOutput.Time,
        _ when type == typeof(Guid) => FakeOutput.Uuid,
        _ => null,
    };

    /// <summary>Calls <paramref name="method"/> of the dataset <paramref name="dataset"/> with its default arguments.</summary>
    internal static Func<Faker, object?> Invoker(PropertyInfo dataset, MethodInfo method)
    {
        var arguments = method.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : Type.Missing).ToArray();
        return faker => method.Invoke(dataset.GetValue(faker), arguments);
    }

    /// <summary>A Bogus randomizer drawing from <see cref="SeededRandom"/> instead of a fresh System.Random per value.</summary>
    private sealed class SeededRandomizer : Randomizer
    {
        public SeededRandomizer(Random random) => localSeed = random;
    }

    /// <summary>A <see cref="Random"/> whose state is set per value from the keyed source (xoshiro256**, cheap to reseed).</summary>
    private sealed class SeededRandom : Random
    {
        private KeyedRandom _state;

        public void Reseed(ulong a, ulong b)
        {
            Span<byte> seed = stackalloc byte[32];
            BitConverter.TryWriteBytes(seed, a);
            BitConverter.TryWriteBytes(seed[8..], b);
            BitConverter.TryWriteBytes(seed[16..], a ^ 0x9E3779B97F4A7C15UL);
            BitConverter.TryWriteBytes(seed[24..], b ^ 0xD1B54A32D192ED03UL);
            _state = new KeyedRandom(seed);
        }

        public override int Next() => (int)(_state.NextUInt64() >> 33);

        public override int Next(int maxValue) => maxValue <= 0 ? 0 : _state.Next(maxValue);

        public override int Next(int minValue, int maxValue) => maxValue <= minValue ? minValue : (int)(minValue + NextInt64((long)maxValue - minValue));

        public override long NextInt64() => (long)(_state.NextUInt64() >> 1);

        public override long NextInt64(long maxValue) => maxValue <= 0 ? 0 : (long)(_state.NextUInt64() % (ulong)maxValue);

        public override long NextInt64(long minValue, long maxValue) =>
            maxValue <= minValue ? minValue : minValue + (long)(_state.NextUInt64() % (ulong)(maxValue - minValue));

        public override double NextDouble() => _state.NextDouble();

        public override float NextSingle() => (float)_state.NextDouble();

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

        public override void NextBytes(Span<byte> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)_state.NextUInt64();
            }
        }

        protected override double Sample() => _state.NextDouble();
    }
}
