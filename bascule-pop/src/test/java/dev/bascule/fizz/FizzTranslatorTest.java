package dev.bascule.fizz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One test per fizz operation: the input and the exact PostgreSQL fizz produces for it. */
class FizzTranslatorTest {

    private static String sql(String fizz) {
        return FizzTranslator.translate("test.up.fizz", fizz);
    }

    @Test
    void createTableWithUuidPrimaryKeyAndExplicitTimestamps() {
        assertThat(sql("""
                create_table("issues") {
                	t.Column("id", "uuid", {"primary": true})
                	t.Column("body", "text", {})
                	t.Timestamps()
                }
                """)).isEqualTo("""
                CREATE TABLE "issues" (
                PRIMARY KEY("id"),
                "id" UUID NOT NULL,
                "body" text NOT NULL,
                "created_at" timestamp NOT NULL,
                "updated_at" timestamp NOT NULL
                );""");
    }

    @Test
    void createTableAddsPopsImplicitIntegerIdAndTimestamps() {
        assertThat(sql("create_table(\"todos\") {\n t.Column(\"title\", \"string\", {\"size\": 100})\n}"))
                .isEqualTo("""
                        CREATE TABLE "todos" (
                        PRIMARY KEY("id"),
                        "id" SERIAL NOT NULL,
                        "title" VARCHAR (100) NOT NULL,
                        "created_at" timestamp NOT NULL,
                        "updated_at" timestamp NOT NULL
                        );""");
    }

    @Test
    void createTableColumnOptionsAndTypeMapping() {
        assertThat(sql("""
                create_table("users") {
                  t.Column("id", "bigint", {primary: true})
                  t.Column("email", "string", {})
                  t.Column("bio", "text", {"null": true})
                  t.Column("age", "integer", {"null": true, "default": 40})
                  t.Column("admin", "bool", {"default": false})
                  t.Column("status", "string", {"default": "DRAFT"})
                  t.Column("note", "string", {"default": "it's"})
                  t.Column("company_id", "uuid", {"default_raw": "uuid_generate_v4()"})
                  t.Column("seen_at", "datetime", {"null": true})
                  t.Column("at", "time", {})
                  t.Column("raw", "blob", {})
                  t.Column("meta", "jsonb", {"null": true})
                  t.Column("locator", "char(6)", {"null": false})
                  t.DisableTimestamps()
                }
                """)).isEqualTo("""
                CREATE TABLE "users" (
                PRIMARY KEY("id"),
                "id" BIGSERIAL NOT NULL,
                "email" VARCHAR (255) NOT NULL,
                "bio" text,
                "age" integer DEFAULT '40',
                "admin" bool NOT NULL DEFAULT 'false',
                "status" VARCHAR (255) NOT NULL DEFAULT 'DRAFT',
                "note" VARCHAR (255) NOT NULL DEFAULT 'it''s',
                "company_id" UUID NOT NULL DEFAULT uuid_generate_v4(),
                "seen_at" timestamp,
                "at" timestamp NOT NULL,
                "raw" bytea NOT NULL,
                "meta" jsonb,
                "locator" char(6)
                );""");
    }

    @Test
    void createTableWithTimestampsOptionFalseAndNullablePrimaryKeyStaysNotNull() {
        assertThat(sql("create_table(\"t\", {\"timestamps\": false}) {\n"
                + "t.Column(\"code\", \"string\", {\"primary\": true, \"null\": true})\n}"))
                .isEqualTo("CREATE TABLE \"t\" (\nPRIMARY KEY(\"code\"),\n\"code\" VARCHAR (255) NOT NULL\n);");
    }

    @Test
    void createTableWithForeignKeysAndIndex() {
        assertThat(sql("""
                create_table("moves") {
                	t.Column("id", "uuid", {"primary": true})
                	t.Column("user_id", "uuid", {})
                	t.Column("order_id", "uuid", {})
                	t.ForeignKey("user_id", {"users": ["id"]}, {})
                	t.ForeignKey("order_id", {"orders": ["id"]}, {"on_delete": "cascade", "on_update": "restrict"})
                	t.Index(["user_id", "order_id"], {"unique": true})
                	t.Timestamps()
                }
                """)).isEqualTo("""
                CREATE TABLE "moves" (
                PRIMARY KEY("id"),
                "id" UUID NOT NULL,
                "user_id" UUID NOT NULL,
                "order_id" UUID NOT NULL,
                "created_at" timestamp NOT NULL,
                "updated_at" timestamp NOT NULL,
                FOREIGN KEY (user_id) REFERENCES users (id),
                FOREIGN KEY (order_id) REFERENCES orders (id) ON UPDATE restrict ON DELETE cascade
                );
                CREATE UNIQUE INDEX "moves_user_id_order_id_idx" ON "moves" (user_id, order_id);""");
    }

    @Test
    void addColumn() {
        assertThat(sql("add_column(\"addresses\", \"country\", \"string\", {\"null\": true, \"default\": \"United States\"})"))
                .isEqualTo("ALTER TABLE \"addresses\" ADD COLUMN \"country\" VARCHAR (255) DEFAULT 'United States';");
        assertThat(sql("add_column(\"mytable\", \"mycolumn\", \"string\", {\"default\": \"foo\", \"size\": 50})"))
                .isEqualTo("ALTER TABLE \"mytable\" ADD COLUMN \"mycolumn\" VARCHAR (50) NOT NULL DEFAULT 'foo';");
        assertThat(sql("add_column(\"moves\", \"show\", \"bool\", {default: true})"))
                .isEqualTo("ALTER TABLE \"moves\" ADD COLUMN \"show\" bool NOT NULL DEFAULT 'true';");
    }

    @Test
    void changeColumn() {
        assertThat(sql("change_column(\"mytable\", \"mycolumn\", \"string\", {\"default\": \"foo\", \"size\": 50})"))
                .isEqualTo("ALTER TABLE \"mytable\" ALTER COLUMN \"mycolumn\" TYPE VARCHAR (50), ALTER COLUMN"
                        + " \"mycolumn\" SET NOT NULL, ALTER COLUMN \"mycolumn\" SET DEFAULT 'foo';");
        assertThat(sql("change_column(\"shipments\", \"pickup_date\", \"timestamp\", {\"null\": true})"))
                .isEqualTo("ALTER TABLE \"shipments\" ALTER COLUMN \"pickup_date\" TYPE timestamp, ALTER COLUMN"
                        + " \"pickup_date\" DROP NOT NULL;");
        assertThat(sql("change_column(\"t\", \"c\", \"uuid\", {\"default_raw\": \"uuid_generate_v4()\"})"))
                .isEqualTo("ALTER TABLE \"t\" ALTER COLUMN \"c\" TYPE UUID, ALTER COLUMN \"c\" SET NOT NULL,"
                        + " ALTER COLUMN \"c\" SET DEFAULT uuid_generate_v4();");
    }

    @Test
    void renameColumn() {
        assertThat(sql("rename_column(\"issues\", \"body\", \"description\")"))
                .isEqualTo("ALTER TABLE \"issues\" RENAME COLUMN \"body\" TO \"description\";");
    }

    @Test
    void dropColumn() {
        assertThat(sql("drop_column(\"documents\", \"name\")"))
                .isEqualTo("ALTER TABLE \"documents\" DROP COLUMN \"name\";");
    }

    @Test
    void addIndexDefaultNameUniqueCustomNameAndMultiColumn() {
        assertThat(sql("add_index(\"table_name\", \"column_name\", {})"))
                .isEqualTo("CREATE INDEX \"table_name_column_name_idx\" ON \"table_name\" (column_name);");
        assertThat(sql("add_index(\"moves\", \"locator\", {\"unique\": true})"))
                .isEqualTo("CREATE UNIQUE INDEX \"moves_locator_idx\" ON \"moves\" (locator);");
        assertThat(sql("add_index(\"admin_users\", \"email\", {\"unique\": true, \"name\": \"admin_users_email_uniq_idx\"})"))
                .isEqualTo("CREATE UNIQUE INDEX \"admin_users_email_uniq_idx\" ON \"admin_users\" (email);");
        assertThat(sql("add_index(\"t\", [\"a\", \"b\", \"c\"], {\"unique\": false})"))
                .isEqualTo("CREATE INDEX \"t_a_b_c_idx\" ON \"t\" (a, b, c);");
    }

    @Test
    void dropIndexAndRenameIndex() {
        assertThat(sql("drop_index(\"traffic_distribution_lists\", \"traffic_distribution_lists_index\")"))
                .isEqualTo("DROP INDEX \"traffic_distribution_lists_index\";");
        assertThat(sql("rename_index(\"t\", \"old_ix\", \"new_ix\")"))
                .isEqualTo("ALTER INDEX \"old_ix\" RENAME TO \"new_ix\";");
    }

    @Test
    void addForeignKeyDefaultNameAndOptions() {
        assertThat(sql("add_foreign_key(\"profiles\", \"user_id\", {\"users\": [\"id\"]}, {})"))
                .isEqualTo("ALTER TABLE profiles ADD CONSTRAINT profiles_users_id_fk FOREIGN KEY (user_id)"
                        + " REFERENCES users (id);");
        assertThat(sql("add_foreign_key(\"service_members\", \"duty_station_id\", {\"duty_stations\": [\"id\"]},"
                + " {\"name\": \"sm_duty_station_fk\", \"on_delete\": \"SET NULL\", \"on_update\": \"cascade\"})"))
                .isEqualTo("ALTER TABLE service_members ADD CONSTRAINT sm_duty_station_fk FOREIGN KEY"
                        + " (duty_station_id) REFERENCES duty_stations (id) ON UPDATE cascade ON DELETE SET NULL;");
    }

    @Test
    void dropForeignKeyWithAndWithoutIfExists() {
        assertThat(sql("drop_foreign_key(\"profiles\", \"profiles_users_id_fk\", {})"))
                .isEqualTo("ALTER TABLE profiles DROP CONSTRAINT  profiles_users_id_fk;");
        assertThat(sql("drop_foreign_key(\"documents\", \"move_id\", {\"if_exists\": true})"))
                .isEqualTo("ALTER TABLE documents DROP CONSTRAINT IF EXISTS move_id;");
    }

    @Test
    void renameTable() {
        assertThat(sql("rename_table(\"awarded_shipments\", \"shipment_awards\")"))
                .isEqualTo("ALTER TABLE \"awarded_shipments\" RENAME TO \"shipment_awards\";");
    }

    @Test
    void dropTable() {
        assertThat(sql("drop_table(\"issues\")")).isEqualTo("DROP TABLE \"issues\";");
    }

    @Test
    void sqlAndRawPassTextThroughAndEndItWithASemicolon() {
        assertThat(sql("sql(\"DELETE from social_security_numbers\")"))
                .isEqualTo("DELETE from social_security_numbers;");
        assertThat(sql("sql(\"\n\tUPDATE t\n\tSET a = 'x'\n\")\nraw(`SELECT \"quoted\" FROM t;`)"))
                .isEqualTo("UPDATE t\n\tSET a = 'x';\nSELECT \"quoted\" FROM t;");
        assertThat(sql("sql(\"SELECT \\\"a\\\";\")")).isEqualTo("SELECT \"a\";");
    }

    @Test
    void severalOperationsCommentsAndUnquotedKeys() {
        assertThat(FizzTranslator.statements("x.fizz", """
                // a line comment
                drop_column("form1299s", "pickup_address") # another
                /* a block
                   comment */
                add_column("t", "c", "uuid", {null: true,})
                """)).containsExactly(
                "ALTER TABLE \"form1299s\" DROP COLUMN \"pickup_address\";",
                "ALTER TABLE \"t\" ADD COLUMN \"c\" UUID;");
        assertThat(sql("")).isEmpty();
    }
}
