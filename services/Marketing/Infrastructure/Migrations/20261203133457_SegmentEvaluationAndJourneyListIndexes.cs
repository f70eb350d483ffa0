using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Marketing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SegmentEvaluationAndJourneyListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_journey_enrolments_journey_id_enrolled_at_contact_id",
                table: "journey_enrolments",
                columns: new[] { "journey_id", "enrolled_at", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_behaviours_kind_occurred_at",
                table: "behaviours",
                columns: new[] { "kind", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "contact_id", "campaign_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_journey_enrolments_journey_id_enrolled_at_contact_id",
                table: "journey_enrolments");

            migrationBuilder.DropIndex(
                name: "ix_behaviours_kind_occurred_at",
                table: "behaviours");
        }
    }
}
