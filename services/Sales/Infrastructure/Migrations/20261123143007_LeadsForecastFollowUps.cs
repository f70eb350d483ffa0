using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LeadsForecastFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "forecast_category",
                table: "stages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "lead_id",
                table: "opportunities",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "probability_override",
                table: "opportunities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "customers",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_interaction_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "customers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "follow_up_cadences",
                columns: table => new
                {
                    tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    interval_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_cadences", x => x.tier);
                    table.CheckConstraint("ck_follow_up_cadences_interval", "interval_days BETWEEN 1 AND 365");
                });

            migrationBuilder.CreateTable(
                name: "lead_assignment_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    last_assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_assignment_rules", x => x.id);
                    table.CheckConstraint("ck_lead_assignment_rules_target", "(team_id IS NULL) <> (user_id IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    score = table.Column<int>(type: "integer", nullable: false),
                    score_reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    disqualified_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lost_reasons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lost_reasons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quotas",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quotas", x => new { x.user_id, x.month, x.currency });
                    table.CheckConstraint("ck_quotas_amount", "amount >= 0");
                });

            migrationBuilder.CreateTable(
                name: "stage_visits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_stage_visits_opportunities_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "opportunities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_follow_up = table.Column<bool>(type: "boolean", nullable: false),
                    due_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    overdue_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lead_hand_offs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_hand_offs", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_hand_offs_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "follow_up_cadences",
                columns: new[] { "tier", "interval_days" },
                values: new object[,]
                {
                    { "General", 30 },
                    { "HighValue", 7 },
                    { "Potential", 14 }
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_opportunities_probability_override",
                table: "opportunities",
                sql: "probability_override BETWEEN 0 AND 100");

            migrationBuilder.CreateIndex(
                name: "ix_customers_email",
                table: "customers",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_lead_assignment_rules_position",
                table: "lead_assignment_rules",
                column: "position");

            migrationBuilder.CreateIndex(
                name: "ix_lead_hand_offs_lead_id_occurred_at",
                table: "lead_hand_offs",
                columns: new[] { "lead_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_contact_id",
                table: "leads",
                column: "contact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_at_id",
                table: "leads",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_email",
                table: "leads",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_leads_name_id",
                table: "leads",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_owner_id",
                table: "leads",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_score_id",
                table: "leads",
                columns: new[] { "score", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lost_reasons_name",
                table: "lost_reasons",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stage_visits_opportunity_id_entered_at",
                table: "stage_visits",
                columns: new[] { "opportunity_id", "entered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_assignee_id_status_due_at",
                table: "tasks",
                columns: new[] { "assignee_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_open_due_at",
                table: "tasks",
                column: "due_at",
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ux_tasks_open_follow_up",
                table: "tasks",
                column: "customer_id",
                unique: true,
                filter: "is_follow_up AND status = 'Open'");

            // Existing stages get the category their kind and weight suggest; the seeded pipeline's late stages are
            // best case and commit.
            migrationBuilder.Sql("""
                UPDATE stages SET forecast_category = CASE
                    WHEN kind = 'Won' THEN 'Closed'
                    WHEN kind = 'Lost' THEN 'Omitted'
                    WHEN probability >= 75 THEN 'Commit'
                    WHEN probability >= 50 THEN 'BestCase'
                    ELSE 'Pipeline' END;
                """);

            // Every existing deal's history starts with the stage it is in.
            migrationBuilder.Sql("""
                INSERT INTO stage_visits (opportunity_id, stage_id, stage_name, entered_at)
                SELECT o.id, o.stage_id, s.name, o.stage_changed_at FROM opportunities o JOIN stages s ON s.id = o.stage_id;
                """);

            // A starting list of lost reasons (fixed ids, the same in every installation); administrators edit it.
            migrationBuilder.InsertData(
                table: "lost_reasons",
                columns: new[] { "id", "name" },
                values: new object[,]
                {
                    { new Guid("5a1e5000-0000-4000-8000-000000000201"), "Price too high" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000202"), "Lost to competitor" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000203"), "No budget" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000204"), "No decision" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000205"), "Timing" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000206"), "Other" },
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_up_cadences");

            migrationBuilder.DropTable(
                name: "lead_assignment_rules");

            migrationBuilder.DropTable(
                name: "lead_hand_offs");

            migrationBuilder.DropTable(
                name: "lost_reasons");

            migrationBuilder.DropTable(
                name: "quotas");

            migrationBuilder.DropTable(
                name: "stage_visits");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropCheckConstraint(
                name: "ck_opportunities_probability_override",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_customers_email",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "forecast_category",
                table: "stages");

            migrationBuilder.DropColumn(
                name: "lead_id",
                table: "opportunities");

            migrationBuilder.DropColumn(
                name: "probability_override",
                table: "opportunities");

            migrationBuilder.DropColumn(
                name: "email",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "last_interaction_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "customers");
        }
    }
}
