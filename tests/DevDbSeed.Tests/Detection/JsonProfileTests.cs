using DevDbSeed.Detection;

namespace DevDbSeed.Tests.Detection;

public sealed class JsonProfileTests
{
    [Fact]
    public void Profiles_every_scalar_member_by_its_json_rule_path()
    {
        var profile = new JsonProfile();
        profile.Add("""{"contact": {"email": "jane@example.com", "phone": "+44 20 7946 0958"}, "plan": "pro", "seats": 3, "trial": true, "none": null}""");
        profile.Add("""{"contact": {"email": "john@example.org"}, "addresses": [{"line1": "1 Main St"}, {"line1": "2 Elm St"}], "tags": ["a", "b"]}""");

        Assert.Equal(2, profile.Documents);
        Assert.Equal(["addresses[*].line1", "contact.email", "contact.phone", "plan", "seats", "tags[*]"], profile.Paths.Keys);
        Assert.Equal(2, profile.Paths["contact.email"].Values);
        Assert.Equal(PiiKind.Email, profile.Paths["contact.email"].Dominant);
        Assert.Equal(PiiKind.Phone, profile.Paths["contact.phone"].Dominant);
        Assert.Equal(2, profile.Paths["addresses[*].line1"].Values);
        Assert.Equal(1, profile.Paths["seats"].Values);
    }

    [Fact]
    public void Documents_that_are_arrays_give_paths_starting_with_an_element()
    {
        var profile = new JsonProfile();
        profile.Add("""[{"email": "a@example.com"}, {"email": "b@example.com"}, [["x"]]]""");

        Assert.Equal(["[*].email", "[*][*][*]"], profile.Paths.Keys);
    }

    [Fact]
    public void Keys_the_path_syntax_cannot_write_are_left_out()
    {
        var profile = new JsonProfile();
        profile.Add("""{"a.b": "jane@example.com", "c[0]": "x", "*": "y", "": "z", "ok": {"d.e": "w", "f": "v"}}""");

        Assert.Equal(["ok.f"], profile.Paths.Keys);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"unclosed\": ")]
    [InlineData("")]
    public void Text_that_is_not_json_is_not_counted(string text)
    {
        var profile = new JsonProfile();
        profile.Add(text);

        Assert.Equal(0, profile.Documents);
        Assert.Empty(profile.Paths);
    }

    [Fact]
    public void A_scalar_document_has_no_members()
    {
        var profile = new JsonProfile();
        profile.Add("\"jane@example.com\"");

        Assert.Equal(1, profile.Documents);
        Assert.Empty(profile.Paths);
    }

    [Theory]
    [InlineData("email", "email")]
    [InlineData("contact.email", "email")]
    [InlineData("addresses[*].line1", "line1")]
    [InlineData("phones[*]", "phones")]
    [InlineData("a.b.c[*][*]", "c")]
    public void The_last_key_of_a_path_names_its_values(string path, string key) => Assert.Equal(key, JsonProfile.LastKey(path));
}
