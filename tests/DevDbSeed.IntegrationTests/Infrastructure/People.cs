namespace DevDbSeed.IntegrationTests.Infrastructure;

/// <summary>A small hand-made source: one table of people with a name and an e-mail to mask.</summary>
public static class People
{
    public const string Schema = """
        CREATE TABLE people (id int PRIMARY KEY, first_name text NOT NULL, email text UNIQUE);
        INSERT INTO people SELECT i, 'Person' || i, 'person' || i || '@corp.example' FROM generate_series(1, 300) i;
        """;

    public const string Rules = """
        version: 1
        tables:
          public.people:
            columns:
              id: keep
              first_name: name.firstName
              email: internet.email
        """;
}
