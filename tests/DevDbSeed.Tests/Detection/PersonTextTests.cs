using DevDbSeed.Detection;

namespace DevDbSeed.Tests.Detection;

public sealed class PersonTextTests
{
    [Theory]
    [InlineData("Jane Doe")]
    [InlineData("JANE DOE")]
    [InlineData("Dr. Jane A. Doe Jr.")]
    [InlineData("Mr John Smith")]
    [InlineData("Doe, Jane")]
    [InlineData("Ludwig van den Berg")]
    [InlineData("François Dupont")]
    [InlineData("José García")]
    [InlineData("Jürgen Müller")]
    [InlineData("Anne-Marie O'Brien")]
    public void Peoples_names_of_many_locales_are_full_names(string value)
    {
        Assert.Equal(PersonShape.FullName, PersonText.ShapeOf(value));
    }

    [Theory]
    [InlineData("ACADEMY DINOSAUR")]
    [InlineData("Red Bicycle")]
    [InlineData("Quarterly Report 2024")]
    [InlineData("active")]
    [InlineData("Jane Doe and the Rockies")]
    [InlineData("")]
    public void Titles_labels_and_sentences_are_not_names(string value)
    {
        Assert.Equal(PersonShape.None, PersonText.ShapeOf(value));
    }

    [Theory]
    [InlineData("12 Baker Street")]
    [InlineData("221B Baker St.")]
    [InlineData("Hauptstraße 5")]
    [InlineData("3 rue de la Paix")]
    [InlineData("Calle Mayor 10")]
    public void A_number_and_a_street_word_make_a_street_address(string value)
    {
        Assert.Equal(PersonShape.StreetAddress, PersonText.ShapeOf(value));
    }

    [Fact]
    public void Single_words_are_first_or_last_names_when_a_locale_lists_them()
    {
        Assert.Equal(PersonShape.FirstName, PersonText.ShapeOf("Penelope"));
        Assert.Equal(PersonShape.LastName, PersonText.ShapeOf("Kowalski"));
        Assert.Equal(PersonShape.None, PersonText.ShapeOf("Dinosaur"));
    }

    [Theory]
    [InlineData("Spoke to Jane Doe about the refund", true)]
    [InlineData("Dr Smith called back", true)]
    [InlineData("will may rose later", false)]
    [InlineData("A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher", false)]
    public void Free_text_mentions_someone_when_a_capitalised_name_stands_in_it(string text, bool mentions)
    {
        Assert.Equal(mentions, PersonText.MentionsName(text));
    }
}
