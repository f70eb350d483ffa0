using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BoardForecastIndexesAndRuleVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_pipeline_id",
                table: "opportunities");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "lead_assignment_rules",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_board_totals",
                table: "opportunities",
                columns: new[] { "pipeline_id", "stage_id", "currency" })
                .Annotation("Npgsql:IndexInclude", new[] { "owner_id", "amount", "probability_override" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_open_forecast",
                table: "opportunities",
                column: "expected_close_date",
                filter: "status = 'Open'")
                .Annotation("Npgsql:IndexInclude", new[] { "stage_id", "pipeline_id", "currency", "owner_id", "amount", "probability_override" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_won_forecast",
                table: "opportunities",
                column: "won_at",
                filter: "status = 'Won'")
                .Annotation("Npgsql:IndexInclude", new[] { "pipeline_id", "currency", "owner_id", "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_board_totals",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_open_forecast",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_won_forecast",
                table: "opportunities");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "lead_assignment_rules");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id",
                table: "opportunities",
                column: "pipeline_id");
        }
    }
}
