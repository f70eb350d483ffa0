using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Support.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TicketDailyFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_created_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_status_priority",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_team_id_created_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_team_id_resolved_at",
                table: "tickets");

            migrationBuilder.CreateTable(
                name: "ticket_daily_figures",
                columns: table => new
                {
                    grain = table.Column<short>(type: "smallint", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    first_responses = table.Column<int>(type: "integer", nullable: false),
                    first_response_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    first_response_histogram = table.Column<int[]>(type: "integer[]", nullable: false),
                    first_response_targets = table.Column<int>(type: "integer", nullable: false),
                    first_response_met = table.Column<int>(type: "integer", nullable: false),
                    resolution_targets = table.Column<int>(type: "integer", nullable: false),
                    resolution_met = table.Column<int>(type: "integer", nullable: false),
                    resolved = table.Column<int>(type: "integer", nullable: false),
                    resolution_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    resolution_histogram = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_daily_figures", x => new { x.grain, x.team_id, x.day, x.category });
                });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_id_created_at",
                table: "tickets",
                columns: new[] { "assignee_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_id_resolved_at",
                table: "tickets",
                columns: new[] { "assignee_id", "resolved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_status_priority",
                table: "tickets",
                columns: new[] { "status", "priority" },
                filter: "status IN ('New', 'Open', 'Pending')")
                .Annotation("Npgsql:IndexInclude", new[] { "category", "team_id", "assignee_id" });

            // The roll-up is kept by PostgreSQL itself, so every write path (the API, timers, care plans, erasure, bulk
            // updates) keeps it true in the ticket's own transaction. ticket_figure_facts is the one definition of what a
            // ticket adds to its creation day and its resolution day, for everyone and for its team; the metrics read it
            // too for the hours outside whole days. Buckets: eight per doubling from 1/16 minute (DurationHistogram).
            migrationBuilder.Sql("""
                CREATE TYPE ticket_figure_fact AS (
                    grain smallint, team_id uuid, day date, category varchar(32),
                    created integer, first_responses integer, first_response_milliseconds bigint, first_response_bucket integer,
                    first_response_targets integer, first_response_met integer, resolution_targets integer, resolution_met integer,
                    resolved integer, resolution_milliseconds bigint, resolution_bucket integer);
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_bucket(milliseconds bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN milliseconds IS NULL THEN NULL
                                WHEN milliseconds <= 3750 THEN 0
                                ELSE least(200, ceil((ln(milliseconds / 60000.0::float8) / ln(2.0::float8) + 4) * 8 - 1e-9)::integer) END
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_histogram(buckets integer[], counts integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
                DECLARE
                    histogram integer[] := array_fill(0, ARRAY[201]);
                BEGIN
                    FOR i IN 1 .. coalesce(array_length(buckets, 1), 0) LOOP
                        IF buckets[i] IS NOT NULL THEN
                            histogram[buckets[i] + 1] := histogram[buckets[i] + 1] + counts[i];
                        END IF;
                    END LOOP;
                    RETURN histogram;
                END
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_sum(histogram integer[], delta integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
                BEGIN
                    FOR i IN 1 .. 201 LOOP
                        IF delta[i] <> 0 THEN
                            histogram[i] := histogram[i] + delta[i];
                        END IF;
                    END LOOP;
                    RETURN histogram;
                END
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figure_facts(t tickets, sign integer) RETURNS SETOF ticket_figure_fact LANGUAGE sql STABLE AS $$
                    WITH durations AS (
                        SELECT floor(extract(epoch FROM t.first_response_at - t.created_at) * 1000)::bigint AS first_response,
                               floor(extract(epoch FROM t.resolved_at - t.created_at) * 1000)::bigint AS resolution),
                    facts AS (
                        SELECT (t.created_at AT TIME ZONE 'UTC')::date AS day, sign AS created,
                               CASE WHEN d.first_response IS NULL THEN 0 ELSE sign END AS first_responses,
                               coalesce(d.first_response, 0) * sign AS first_response_milliseconds,
                               ticket_figures_bucket(d.first_response) AS first_response_bucket,
                               CASE WHEN t.first_response_due_at IS NOT NULL AND (t.first_response_at IS NOT NULL OR t.first_response_breached_at IS NOT NULL) THEN sign ELSE 0 END AS first_response_targets,
                               CASE WHEN t.first_response_due_at IS NOT NULL AND t.first_response_breached_at IS NULL AND t.first_response_at <= t.first_response_due_at THEN sign ELSE 0 END AS first_response_met,
                               CASE WHEN t.resolution_target IS NOT NULL AND (t.resolved_at IS NOT NULL OR t.resolution_breached_at IS NOT NULL) THEN sign ELSE 0 END AS resolution_targets,
                               CASE WHEN t.resolution_target IS NOT NULL AND t.resolved_at IS NOT NULL AND t.resolution_breached_at IS NULL THEN sign ELSE 0 END AS resolution_met,
                               0 AS resolved, 0::bigint AS resolution_milliseconds, NULL::integer AS resolution_bucket
                        FROM durations d
                        UNION ALL
                        SELECT (t.resolved_at AT TIME ZONE 'UTC')::date, 0, 0, 0, NULL, 0, 0, 0, 0, sign, d.resolution * sign, ticket_figures_bucket(d.resolution)
                        FROM durations d WHERE t.resolved_at IS NOT NULL)
                    SELECT g.grain, g.team_id, f.day, t.category, f.created, f.first_responses, f.first_response_milliseconds, f.first_response_bucket,
                           f.first_response_targets, f.first_response_met, f.resolution_targets, f.resolution_met,
                           f.resolved, f.resolution_milliseconds, f.resolution_bucket
                    FROM facts f
                    CROSS JOIN (VALUES (0::smallint, '00000000-0000-0000-0000-000000000000'::uuid), (1::smallint, t.team_id)) AS g(grain, team_id)
                    WHERE g.grain = 0 OR g.team_id IS NOT NULL
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_merge(facts ticket_figure_fact[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO ticket_daily_figures AS f (grain, team_id, day, category, created, first_responses, first_response_milliseconds,
                        first_response_histogram, first_response_targets, first_response_met, resolution_targets, resolution_met,
                        resolved, resolution_milliseconds, resolution_histogram)
                    SELECT grain, team_id, day, category, sum(created), sum(first_responses), sum(first_response_milliseconds),
                        ticket_figures_histogram(array_agg(first_response_bucket), array_agg(first_responses)),
                        sum(first_response_targets), sum(first_response_met), sum(resolution_targets), sum(resolution_met),
                        sum(resolved), sum(resolution_milliseconds),
                        ticket_figures_histogram(array_agg(resolution_bucket), array_agg(resolved))
                    FROM unnest(facts)
                    GROUP BY grain, team_id, day, category
                    ORDER BY grain, team_id, day, category
                    ON CONFLICT (grain, team_id, day, category) DO UPDATE SET
                        created = f.created + excluded.created,
                        first_responses = f.first_responses + excluded.first_responses,
                        first_response_milliseconds = f.first_response_milliseconds + excluded.first_response_milliseconds,
                        first_response_histogram = ticket_figures_sum(f.first_response_histogram, excluded.first_response_histogram),
                        first_response_targets = f.first_response_targets + excluded.first_response_targets,
                        first_response_met = f.first_response_met + excluded.first_response_met,
                        resolution_targets = f.resolution_targets + excluded.resolution_targets,
                        resolution_met = f.resolution_met + excluded.resolution_met,
                        resolved = f.resolved + excluded.resolved,
                        resolution_milliseconds = f.resolution_milliseconds + excluded.resolution_milliseconds,
                        resolution_histogram = ticket_figures_sum(f.resolution_histogram, excluded.resolution_histogram)
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM ticket_figures_merge(ARRAY(
                        SELECT f FROM ticket_figure_facts(OLD, -1) f WHERE TG_OP <> 'INSERT'
                        UNION ALL
                        SELECT f FROM ticket_figure_facts(NEW, 1) f WHERE TG_OP <> 'DELETE'));
                    RETURN NULL;
                END
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION ticket_figures_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    month date;
                BEGIN
                    DELETE FROM ticket_daily_figures;
                    FOR month IN SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM tickets ORDER BY 1 LOOP
                        PERFORM ticket_figures_merge(ARRAY(
                            SELECT f FROM tickets t CROSS JOIN LATERAL ticket_figure_facts(t, 1) f
                            WHERE t.created_at >= month::timestamp AT TIME ZONE 'UTC' AND t.created_at < (month + interval '1 month') AT TIME ZONE 'UTC'));
                    END LOOP;
                END
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER ticket_figures_on_insert_or_delete AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_figures_after_change();
                CREATE TRIGGER ticket_figures_on_update AFTER UPDATE ON tickets FOR EACH ROW
                    WHEN ((OLD.created_at, OLD.category, OLD.team_id, OLD.first_response_at, OLD.first_response_due_at, OLD.first_response_breached_at,
                           OLD.resolution_target, OLD.resolved_at, OLD.resolution_breached_at)
                          IS DISTINCT FROM (NEW.created_at, NEW.category, NEW.team_id, NEW.first_response_at, NEW.first_response_due_at, NEW.first_response_breached_at,
                           NEW.resolution_target, NEW.resolved_at, NEW.resolution_breached_at))
                    EXECUTE FUNCTION ticket_figures_after_change();
                """);

            // Figures for the tickets already there.
            migrationBuilder.Sql("SELECT ticket_figures_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ticket_figures_on_update ON tickets;
                DROP TRIGGER ticket_figures_on_insert_or_delete ON tickets;
                DROP FUNCTION ticket_figures_rebuild();
                DROP FUNCTION ticket_figures_after_change();
                DROP FUNCTION ticket_figures_merge(ticket_figure_fact[]);
                DROP FUNCTION ticket_figure_facts(tickets, integer);
                DROP FUNCTION ticket_figures_sum(integer[], integer[]);
                DROP FUNCTION ticket_figures_histogram(integer[], integer[]);
                DROP FUNCTION ticket_figures_bucket(bigint);
                DROP TYPE ticket_figure_fact;
                """);

            migrationBuilder.DropTable(
                name: "ticket_daily_figures");

            migrationBuilder.DropIndex(
                name: "ix_tickets_assignee_id_created_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_assignee_id_resolved_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_status_priority",
                table: "tickets");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_created_at",
                table: "tickets",
                column: "created_at")
                .Annotation("Npgsql:IndexInclude", new[] { "category", "first_response_at", "first_response_due_at", "first_response_breached_at", "resolution_target", "resolved_at", "resolution_breached_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_resolved_at",
                table: "tickets",
                column: "resolved_at")
                .Annotation("Npgsql:IndexInclude", new[] { "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_status_priority",
                table: "tickets",
                columns: new[] { "status", "priority" },
                filter: "status IN ('New', 'Open', 'Pending')");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_team_id_created_at",
                table: "tickets",
                columns: new[] { "team_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "category", "first_response_at", "first_response_due_at", "first_response_breached_at", "resolution_target", "resolved_at", "resolution_breached_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_team_id_resolved_at",
                table: "tickets",
                columns: new[] { "team_id", "resolved_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "created_at" });
        }
    }
}
