using DevDbSeed.Masking.Fakes;

namespace DevDbSeed.Tests.Masking.Fakes;

public sealed class FakeVarietyTests
{
    [Fact]
    public void A_list_fake_is_worth_about_as_many_values_as_its_list_has()
    {
        var names = LocaleData.For("en").List("name", "first_name").Count;

        var variety = Of("name.firstName", "en", null);

        Assert.InRange(variety, names * 0.6, names * 1.05); // sampled, and read conservatively: never much above
    }

    [Fact]
    public void An_e_mail_is_worth_millions_of_values_though_it_can_be_billions()
    {
        // a third of the addresses are a first name and a number: that third decides how often two collide
        Assert.InRange(Of("internet.email", "en", null), 3e6, 1.2e7);
    }

    [Fact]
    public void Names_without_latin_letters_leave_an_e_mail_little_variety()
    {
        Assert.True(Of("internet.email", "ja", null) < 1000); // user42@example.com: the digits must do the work
    }

    [Fact]
    public void Fewer_characters_leave_a_fake_less_variety()
    {
        var whole = Of("name.firstName", "en", null);
        var three = Of("name.firstName", "en", 3);
        var one = Of("name.firstName", "en", 1);

        Assert.True(three < whole / 2, $"{three} of {whole}");
        Assert.InRange(one, 10, 26);
    }

    [Fact]
    public void The_estimate_is_the_same_every_time()
    {
        var generator = FakeCatalog.Default.Find("internet.userName")!;

        var first = FakeVariety.Of("test:internet.userName@en:1", () => generator.Create(LocaleData.For("en")), null);
        var second = FakeVariety.Of("test:internet.userName@en:2", () => generator.Create(LocaleData.For("en")), null);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_generator_with_more_values_than_a_sample_can_tell_counts_as_the_sample_allows()
    {
        var variety = Of("address.streetAddress", "en", null);

        Assert.InRange(variety, 1e8, 1e9); // no equal pair among 65,536 draws: about 7·10⁸, not more
    }

    private static double Of(string name, string locale, int? room)
    {
        var generator = FakeCatalog.Default.Find(name)!;
        return FakeVariety.Of($"test:{name}@{locale}", () => generator.Create(LocaleData.For(locale)), room);
    }
}
