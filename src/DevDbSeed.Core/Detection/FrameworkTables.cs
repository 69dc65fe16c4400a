using DevDbSeed.Catalog;

namespace DevDbSeed.Detection;

/// <summary>
/// The migration and metadata tables of the common application frameworks: what migrations ran, which schema version
/// the database is at. They hold no personal data, and changing them breaks the application (a scrubbed
/// <c>schema_migrations.version</c> makes Rails think every migration is pending), so <c>rules init</c> keeps them whole
/// whatever their values look like.
/// </summary>
public static class FrameworkTables
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "Rails, Ecto and golang-migrate",
        ["ar_internal_metadata"] = "Rails",
        ["__EFMigrationsHistory"] = "Entity Framework Core",
        ["django_migrations"] = "Django",
        ["django_content_type"] = "Django",
        ["flyway_schema_history"] = "Flyway",
        ["schema_version"] = "Flyway (before version 5)",
        ["databasechangelog"] = "Liquibase",
        ["databasechangeloglock"] = "Liquibase",
        ["alembic_version"] = "Alembic",
        ["knex_migrations"] = "Knex",
        ["knex_migrations_lock"] = "Knex",
        ["_prisma_migrations"] = "Prisma",
        ["goose_db_version"] = "goose",
        ["SequelizeMeta"] = "Sequelize",
        ["doctrine_migration_versions"] = "Doctrine",
        ["phinxlog"] = "Phinx",
        ["__diesel_schema_migrations"] = "Diesel",
        ["_sqlx_migrations"] = "SQLx",
    };

    /// <summary>A bare <c>migrations</c> table (Laravel, TypeORM, MikroORM) is one only with these columns and no others.</summary>
    private static readonly HashSet<string> MigrationsColumns = new(StringComparer.Ordinal) { "id", "migration", "batch", "timestamp", "name", "executed_at" };

    /// <summary>The framework(s) <paramref name="table"/> belongs to; null for an application's own table.</summary>
    public static string? Of(TableInfo table) =>
        Known.TryGetValue(table.Name.Name, out var framework) ? framework
        : table.Name.Name == "migrations" && table.Columns.All(c => MigrationsColumns.Contains(c.Name)) ? "Laravel or TypeORM"
        : null;

    /// <summary>Why the table is kept, for the comment beside it.</summary>
    public static string Reason(string framework) =>
        $"the migration or metadata table of {framework}: kept as it is (changed, the application would see other migrations or schema versions)";
}
