using DevDbSeed.Catalog;

namespace DevDbSeed.Tests.Catalog;

public sealed class QualifiedNameTests
{
    [Theory]
    [InlineData("public.users", "public", "users")]
    [InlineData("crm.Customer Accounts", "crm", "Customer Accounts")]
    [InlineData("Sales.E-mail log", "Sales", "E-mail log")]
    [InlineData("s.t.with.dots", "s", "t.with.dots")]
    public void Splits_schema_and_table_at_the_first_dot_without_sql_quoting(string text, string schema, string name)
    {
        Assert.Equal(new QualifiedName(schema, name), QualifiedName.TryParse(text));
        Assert.Equal(text, QualifiedName.TryParse(text)!.ToString());
    }

    [Theory]
    [InlineData("users")]
    [InlineData(".users")]
    [InlineData("public.")]
    [InlineData("")]
    public void A_name_without_schema_and_table_is_not_a_table_name(string text)
    {
        Assert.Null(QualifiedName.TryParse(text));
    }

    [Fact]
    public void Sql_quotes_both_parts_and_doubles_embedded_quotes()
    {
        Assert.Equal("\"crm\".\"Customer \"\"VIP\"\" Accounts\"", new QualifiedName("crm", "Customer \"VIP\" Accounts").Sql);
    }

    [Fact]
    public void Orders_by_schema_then_name_ordinally()
    {
        var names = new[] { new QualifiedName("b", "a"), new QualifiedName("a", "b"), new QualifiedName("a", "B"), new QualifiedName("a", "a") };

        Assert.Equal(["a.B", "a.a", "a.b", "b.a"], names.Order().Select(n => n.ToString()));
    }
}
