namespace DevDbSeed.Masking.Fakes;

/// <summary>Lorem ipsum from Bogus's word list: a word, words, a sentence or paragraphs.</summary>
public sealed class LoremFake(LocaleData locale, LoremFake.Shape shape) : FakeGenerator
{
    private readonly LocaleList _words = locale.List("lorem", "words");

    /// <summary>How much text one fake holds.</summary>
    public enum Shape
    {
        Word,
        Words,
        Sentence,
        Sentences,
        Paragraph,
        Paragraphs,
    }

    public override int MinLength => _words.MinLength;

    public override void Generate(ref KeyedRandom random, Utf8Builder output)
    {
        switch (shape)
        {
            case Shape.Word:
                _words.Generate(ref random, output);
                break;
            case Shape.Words:
                Words(ref random, output, 3);
                break;
            case Shape.Sentence:
                Sentence(ref random, output);
                break;
            case Shape.Sentences:
                Sentences(ref random, output, random.Next(2, 6));
                break;
            case Shape.Paragraph:
                Sentences(ref random, output, random.Next(3, 6));
                break;
            case Shape.Paragraphs:
                for (var i = 0; i < 3; i++)
                {
                    if (i > 0)
                    {
                        output.Append("\n\n"u8);
                    }

                    Sentences(ref random, output, random.Next(3, 6));
                }

                break;
        }
    }

    private void Words(ref KeyedRandom random, Utf8Builder output, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)' ');
            }

            _words.Generate(ref random, output);
        }
    }

    private void Sentence(ref KeyedRandom random, Utf8Builder output)
    {
        var start = output.Length;
        Words(ref random, output, random.Next(3, 10));
        var first = output.Written[start];
        if (first is >= (byte)'a' and <= (byte)'z')
        {
            output.WrittenMutable[start] = (byte)(first - 32);
        }

        output.Append((byte)'.');
    }

    private void Sentences(ref KeyedRandom random, Utf8Builder output, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append((byte)' ');
            }

            Sentence(ref random, output);
        }
    }
}
