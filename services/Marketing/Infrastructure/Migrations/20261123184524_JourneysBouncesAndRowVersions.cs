using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Crm.Marketing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class JourneysBouncesAndRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "email_templates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "email_templates",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "campaigns",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "bounces",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: true),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bounces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journeys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    trigger = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    trigger_segment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trigger_match = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    trigger_value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    from_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journeys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journey_enrolments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    step_index = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exit_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journey_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "fk_journey_enrolments_journeys_journey_id",
                        column: x => x.journey_id,
                        principalTable: "journeys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journey_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    journey_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enrolment_id = table.Column<long>(type: "bigint", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_index = table.Column<int>(type: "integer", nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    clicked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journey_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_journey_messages_journey_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "journey_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bounces_campaign_id",
                table: "bounces",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_bounces_contact_id_occurred_at",
                table: "bounces",
                columns: new[] { "contact_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_journey_enrolments_contact_id_status",
                table: "journey_enrolments",
                columns: new[] { "contact_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_journey_enrolments_due_at",
                table: "journey_enrolments",
                column: "due_at",
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_journey_enrolments_journey_id_contact_id",
                table: "journey_enrolments",
                columns: new[] { "journey_id", "contact_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journey_messages_contact_id_sent_at",
                table: "journey_messages",
                columns: new[] { "contact_id", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_journey_messages_enrolment_id_step_index",
                table: "journey_messages",
                columns: new[] { "enrolment_id", "step_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journey_messages_journey_id_status",
                table: "journey_messages",
                columns: new[] { "journey_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_journeys_trigger_status",
                table: "journeys",
                columns: new[] { "trigger", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bounces");

            migrationBuilder.DropTable(
                name: "journey_messages");

            migrationBuilder.DropTable(
                name: "journey_enrolments");

            migrationBuilder.DropTable(
                name: "journeys");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "email_templates");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "email_templates");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "campaigns");
        }
    }
}
