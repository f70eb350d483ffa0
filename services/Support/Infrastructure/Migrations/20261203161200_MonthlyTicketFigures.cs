using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Support.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyTicketFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ticket_daily_figures");

            migrationBuilder.CreateTable(
                name: "ticket_figures",
                columns: table => new
                {
                    span = table.Column<short>(type: "smallint", nullable: false),
                    grain = table.Column<short>(type: "smallint", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
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
                    table.PrimaryKey("pk_ticket_figures", x => new { x.span, x.grain, x.team_id, x.first_day, x.category });
                });

            // Every ticket fact now adds to its day's row and to its month's row, in one statement whose rows are upserted
            // in key order. The roll-up is built again from the tickets, months included.
            migrationBuilder.Sql(MergeFunction("ticket_figures", monthly: true));
            migrationBuilder.Sql(RebuildFunction("ticket_figures"));
            migrationBuilder.Sql("SELECT ticket_figures_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ticket_figures");

            migrationBuilder.CreateTable(
                name: "ticket_daily_figures",
                columns: table => new
                {
                    grain = table.Column<short>(type: "smallint", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    first_response_histogram = table.Column<int[]>(type: "integer[]", nullable: false),
                    first_response_met = table.Column<int>(type: "integer", nullable: false),
                    first_response_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    first_response_targets = table.Column<int>(type: "integer", nullable: false),
                    first_responses = table.Column<int>(type: "integer", nullable: false),
                    resolution_histogram = table.Column<int[]>(type: "integer[]", nullable: false),
                    resolution_met = table.Column<int>(type: "integer", nullable: false),
                    resolution_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    resolution_targets = table.Column<int>(type: "integer", nullable: false),
                    resolved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_daily_figures", x => new { x.grain, x.team_id, x.day, x.category });
                });

            migrationBuilder.Sql(MergeFunction("ticket_daily_figures", monthly: false));
            migrationBuilder.Sql(RebuildFunction("ticket_daily_figures"));
            migrationBuilder.Sql("SELECT ticket_figures_rebuild();");
        }

        /// <summary>
        /// ticket_figures_merge upserts facts into the roll-up: by day only (as migration TicketDailyFigures made it), or
        /// by day and by month, each fact once per span.
        /// </summary>
        private static string MergeFunction(string table, bool monthly)
        {
            var (spanColumn, spanValue, spans, dayColumn, day, key) = monthly
                ? ("span, ", "s.span, ", " CROSS JOIN (VALUES (0::smallint), (1::smallint)) AS s(span)", "first_day",
                    "CASE WHEN s.span = 0 THEN x.day ELSE date_trunc('month', x.day)::date END", "span, grain, team_id, first_day, category")
                : ("", "", "", "day", "x.day", "grain, team_id, day, category");
            var groups = monthly ? "1, 2, 3, 4, 5" : "1, 2, 3, 4";
            return $"""
                CREATE OR REPLACE FUNCTION ticket_figures_merge(facts ticket_figure_fact[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO {table} AS f ({spanColumn}grain, team_id, {dayColumn}, category, created, first_responses, first_response_milliseconds,
                        first_response_histogram, first_response_targets, first_response_met, resolution_targets, resolution_met,
                        resolved, resolution_milliseconds, resolution_histogram)
                    SELECT {spanValue}x.grain, x.team_id, {day}, x.category, sum(x.created), sum(x.first_responses), sum(x.first_response_milliseconds),
                        ticket_figures_histogram(array_agg(x.first_response_bucket), array_agg(x.first_responses)),
                        sum(x.first_response_targets), sum(x.first_response_met), sum(x.resolution_targets), sum(x.resolution_met),
                        sum(x.resolved), sum(x.resolution_milliseconds),
                        ticket_figures_histogram(array_agg(x.resolution_bucket), array_agg(x.resolved))
                    FROM unnest(facts) AS x{spans}
                    GROUP BY {groups}
                    ORDER BY {groups}
                    ON CONFLICT ({key}) DO UPDATE SET
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
                """;
        }

        private static string RebuildFunction(string table) => $"""
            CREATE OR REPLACE FUNCTION ticket_figures_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                month date;
            BEGIN
                DELETE FROM {table};
                FOR month IN SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM tickets ORDER BY 1 LOOP
                    PERFORM ticket_figures_merge(ARRAY(
                        SELECT f FROM tickets t CROSS JOIN LATERAL ticket_figure_facts(t, 1) f
                        WHERE t.created_at >= month::timestamp AT TIME ZONE 'UTC' AND t.created_at < (month + interval '1 month') AT TIME ZONE 'UTC'));
                END LOOP;
            END
            $$;
            """;
    }
}
