using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Support.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MetricsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
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
        }
    }
}
