namespace DevDbSeed.Masking.Fakes;

/// <summary>A fake picked from one list of Bogus's locale data (names, cities, formats with digits).</summary>
public sealed class LocaleFake(LocaleList list) : FakeGenerator
{
    public override int MinLength => list.MinLength;

    public override void Generate(ref KeyedRandom random, Utf8Builder output) => list.Generate(ref random, output);
}

/// <summary>A first name, a space and a last name (Bogus's <c>name.fullName</c>).</summary>
public sealed class FullNameFake(LocaleData locale) : FakeGenerator
{
    private readonly LocaleList _first = locale.List("name", "first_name");
    private readonly LocaleList _last = locale.List("name", "last_name");

    public override int MinLength => _first.MinLength + 1 + _last.MinLength;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        _first.Generate(ref random, output);
        output.Append((byte)' ');
        _last.Generate(ref random, output);
    }
}
