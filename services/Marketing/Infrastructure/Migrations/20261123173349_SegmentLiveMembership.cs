using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Marketing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SegmentLiveMembership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "evaluated_at",
                table: "segments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recheck_at",
                table: "segments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "segments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "segments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lead_score_checked_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "segment_members",
                columns: table => new
                {
                    segment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_members", x => new { x.segment_id, x.contact_id });
                    table.ForeignKey(
                        name: "fk_segment_members_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_lead_score_checked_at",
                table: "customers",
                column: "lead_score_checked_at",
                filter: "lead_score <> 0 AND NOT is_deleted");

            migrationBuilder.CreateIndex(
                name: "ix_segment_members_contact_id",
                table: "segment_members",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_segment_members_segment_id_entered_at_contact_id",
                table: "segment_members",
                columns: new[] { "segment_id", "entered_at", "contact_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "segment_members");

            migrationBuilder.DropIndex(
                name: "ix_customers_lead_score_checked_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "evaluated_at",
                table: "segments");

            migrationBuilder.DropColumn(
                name: "recheck_at",
                table: "segments");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "segments");

            migrationBuilder.DropColumn(
                name: "version",
                table: "segments");

            migrationBuilder.DropColumn(
                name: "lead_score_checked_at",
                table: "customers");
        }
    }
}
