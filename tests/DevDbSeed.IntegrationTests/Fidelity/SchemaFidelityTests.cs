using DevDbSeed.IntegrationTests.Infrastructure;
using Npgsql;

namespace DevDbSeed.IntegrationTests.Fidelity;

/// <summary>
/// The target is the source's database, masked: generated columns recomputed from the fakes, sequences where the
/// source left them, every type, triggers and comments in place, and no trigger fired by the load itself.
/// </summary>
public sealed class SchemaFidelityTests(SchemaFidelityTests.Copy copy) : IClassFixture<SchemaFidelityTests.Copy>
{
    [Fact]
    public void The_run_succeeds()
    {
        Outputs.ExitCode(0, copy.Result);
    }

    [Fact]
    public async Task The_schema_of_the_target_is_the_source_schema()
    {
        Assert.Equal(await PgDump.SchemaAsync(copy.Databases, copy.Source), await PgDump.SchemaAsync(copy.Databases, copy.Target));
    }

    [Fact]
    public async Task Generated_columns_are_recomputed_from_the_masked_data()
    {
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>(copy.Target,
            "SELECT count(*) FROM members WHERE full_name IS DISTINCT FROM first_name || ' ' || last_name"));
        const string names = "SELECT id::text, full_name FROM members";
        var source = await copy.Databases.MapAsync(copy.Source, names);
        var target = await copy.Databases.MapAsync(copy.Target, names);
        Assert.Equal(source.Keys.Order(), target.Keys.Order());
        Assert.All(target, pair => Assert.NotEqual(source[pair.Key], pair.Value));
    }

    [Fact]
    public async Task Identity_serial_and_standalone_sequences_continue_from_the_source_values()
    {
        var source = await copy.Databases.SequencesAsync(copy.Source);
        Assert.Equal("777/false", source["public.members_id_seq"]);
        Assert.Equal("1000/true", source["public.orders_order_no_seq"]);
        Assert.Equal("102/true", source["public.invoice_no"]);
        Assert.Equal(source, await copy.Databases.SequencesAsync(copy.Target));

        await using var connection = await copy.Databases.OpenAsync(copy.Target);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.Equal(777, await ScalarAsync<int>(connection, "INSERT INTO members (first_name, last_name, mood) VALUES ('New', 'Member', 'ok') RETURNING id"));
        Assert.Equal(1001, await ScalarAsync<int>(connection, "INSERT INTO orders (member_id, amount) VALUES (1, 1) RETURNING order_no"));
        Assert.Equal(103L, await ScalarAsync<long>(connection, "SELECT nextval('invoice_no')"));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Enum_domain_array_jsonb_inet_and_bytea_columns_arrive_identical()
    {
        const string columns = "(SELECT id, mood, score, tags, settings, ip, encode(avatar, 'hex') FROM members)";
        var source = await copy.Databases.TableHashAsync(copy.Source, columns);
        Assert.StartsWith("200:", source, StringComparison.Ordinal);
        Assert.Equal(source, await copy.Databases.TableHashAsync(copy.Target, columns));

        const string types = """
            SELECT column_name || ' ' || data_type || ' ' || udt_name || ' ' || coalesce(domain_name, '-') FROM information_schema.columns
            WHERE table_name = 'members' ORDER BY ordinal_position
            """;
        var expected = await copy.Databases.ColumnAsync(copy.Source, types);
        Assert.Contains("mood USER-DEFINED mood -", expected);
        Assert.Contains("score integer int4 positive_int", expected);
        Assert.Equal(expected, await copy.Databases.ColumnAsync(copy.Target, types));
        Assert.Equal(["happy", "sad", "ok"], (await copy.Databases.ColumnAsync(copy.Target, "SELECT unnest(enum_range(NULL::mood))::text")).OfType<string>());
    }

    [Fact]
    public async Task Triggers_exist_in_the_target_but_did_not_fire_during_the_load()
    {
        var source = await copy.Databases.TableHashAsync(copy.Source, "audit");
        Assert.StartsWith("400:", source, StringComparison.Ordinal);
        Assert.Equal(source, await copy.Databases.TableHashAsync(copy.Target, "audit"));
        Assert.Equal(500L, await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM orders"));
        Assert.Equal("O", await copy.Databases.ScalarAsync<string>(copy.Target,
            "SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'orders_audit' AND tgrelid = 'orders'::regclass"));

        await using var connection = await copy.Databases.OpenAsync(copy.Target);
        await using var transaction = await connection.BeginTransactionAsync();
        await ScalarAsync<int>(connection, "INSERT INTO orders (order_no, member_id, amount) VALUES (99999, 1, 1) RETURNING order_no");
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM audit WHERE order_no = 99999"));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Comments_on_tables_and_columns_arrive()
    {
        Assert.Equal("Club members, since 1999", await copy.Databases.ScalarAsync<string>(copy.Target, "SELECT obj_description('members'::regclass, 'pg_class')"));
        Assert.Equal("Given name: personal, masked", await copy.Databases.ScalarAsync<string>(copy.Target, "SELECT col_description('members'::regclass, 2)"));
        Assert.Equal("Who was happy when", await copy.Databases.ScalarAsync<string>(copy.Target, "SELECT obj_description('mood'::regtype, 'pg_type')"));
    }

    [Fact]
    public async Task A_materialized_view_over_masked_columns_is_refreshed_from_the_masked_rows()
    {
        Assert.True(await copy.Databases.ScalarAsync<bool>(copy.Target, "SELECT ispopulated FROM pg_matviews WHERE matviewname = 'member_names'"));
        Assert.Equal(
            await copy.Databases.TableHashAsync(copy.Target, "(SELECT id, first_name || ' ' || last_name FROM members)"),
            await copy.Databases.TableHashAsync(copy.Target, "member_names"));
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM member_names WHERE name LIKE 'Firstname%'"));
    }

    [Fact]
    public async Task Views_policies_and_the_database_comment_arrive()
    {
        Assert.Equal(await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM members WHERE mood = 'happy'"),
            await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM happy_members"));
        Assert.Equal("orders_of_member", await copy.Databases.ScalarAsync<string>(copy.Target, "SELECT policyname::text FROM pg_policies WHERE tablename = 'orders'"));
        Assert.True(await copy.Databases.ScalarAsync<bool>(copy.Target, "SELECT relrowsecurity FROM pg_class WHERE oid = 'orders'::regclass"));
        Assert.Equal("The club, in production", await copy.Databases.ScalarAsync<string>("postgres",
            $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{copy.Target}'"));
    }

    [Fact]
    public async Task A_table_with_dropped_columns_keeps_each_value_in_its_column()
    {
        const string kept = "SELECT id::text, code || ' ' || issued FROM badges";
        Assert.Equal(await copy.Databases.MapAsync(copy.Source, kept), await copy.Databases.MapAsync(copy.Target, kept));
        Assert.Equal(0L, await copy.Databases.ScalarAsync<long>(copy.Target, "SELECT count(*) FROM badges WHERE holder LIKE 'Holder%' OR holder IS NULL"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A hand-made source using the features above, masked once.</summary>
    public sealed class Copy : MaskedOnce
    {
        protected override string TargetName => "dev";

        protected override async Task<string> CreateSourceAsync()
        {
            var source = await Databases.CreateAsync("src", """
                CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
                COMMENT ON TYPE mood IS 'Who was happy when';
                CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
                CREATE TABLE members (
                    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    first_name text NOT NULL,
                    last_name text NOT NULL,
                    full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
                    mood mood NOT NULL,
                    score positive_int,
                    tags text[],
                    settings jsonb,
                    ip inet,
                    avatar bytea);
                COMMENT ON TABLE members IS 'Club members, since 1999';
                COMMENT ON COLUMN members.first_name IS 'Given name: personal, masked';
                CREATE TABLE orders (order_no serial PRIMARY KEY, member_id int NOT NULL REFERENCES members, amount numeric(8,2));
                CREATE TABLE audit (id bigserial PRIMARY KEY, order_no int NOT NULL, logged_at timestamptz NOT NULL DEFAULT now());
                CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO audit (order_no) VALUES (NEW.order_no);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_order();
                CREATE SEQUENCE invoice_no START 100;
                SELECT nextval('invoice_no'), nextval('invoice_no'), nextval('invoice_no');

                INSERT INTO members (first_name, last_name, mood, score, tags, settings, ip, avatar)
                SELECT 'Firstname' || i, 'Lastname' || i, (ARRAY['happy', 'sad', 'ok'])[1 + i % 3]::mood, CASE WHEN i % 7 <> 0 THEN i END,
                       ARRAY['tag ' || i, 'x,y', NULL], jsonb_build_object('theme', 'dark', 'n', i, 'list', jsonb_build_array(i, 'a"b')),
                       ('10.0.' || (i % 256) || '.' || (i % 200) || '/24')::inet, decode(lpad(to_hex(i), 8, '0') || '00', 'hex')
                FROM generate_series(1, 200) i;
                INSERT INTO orders (member_id, amount) SELECT 1 + i % 200, i * 0.5 FROM generate_series(1, 500) i;
                DELETE FROM audit WHERE id % 5 = 0;
                SELECT setval('orders_order_no_seq', 1000);
                ALTER TABLE members ALTER COLUMN id RESTART WITH 777;
                CREATE TABLE badges (id int PRIMARY KEY, gone text, holder text, extra text, code text, issued date);
                INSERT INTO badges SELECT i, 'gone ' || i, 'Holder' || i, 'extra ' || i, 'B-' || i, date '2024-01-01' + i FROM generate_series(1, 100) i;
                ALTER TABLE badges DROP COLUMN gone;
                ALTER TABLE badges DROP COLUMN extra;
                CREATE MATERIALIZED VIEW member_names AS SELECT id, first_name || ' ' || last_name AS name FROM members;
                CREATE VIEW happy_members AS SELECT id, full_name FROM members WHERE mood = 'happy';
                ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
                CREATE POLICY orders_of_member ON orders USING (member_id = nullif(current_setting('app.member_id', true), '')::int);
                """);
            await Databases.AdminAsync($"COMMENT ON DATABASE \"{source}\" IS 'The club, in production'");
            Pipelines.Write("rules.yaml", """
                version: 1
                tables:
                  public.members:
                    columns:
                      id: keep
                      first_name: name.firstName
                      last_name: name.lastName
                      mood: keep
                      score: keep
                      tags: keep
                      settings: keep
                      ip: keep
                      avatar: keep
                  public.orders: keep
                  public.audit: keep
                  public.badges:
                    columns:
                      id: keep
                      holder: name.firstName
                      code: keep
                      issued: keep
                """);
            return source;
        }
    }
}
