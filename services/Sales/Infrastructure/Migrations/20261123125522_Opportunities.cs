using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Opportunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    probability = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stages", x => x.id);
                    table.CheckConstraint("ck_stages_probability", "probability BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_stages_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    expected_close_date = table.Column<DateOnly>(type: "date", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    lost_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    competitor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    won_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lost_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stage_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opportunities", x => x.id);
                    table.CheckConstraint("ck_opportunities_amount", "amount >= 0");
                    table.ForeignKey(
                        name: "fk_opportunities_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opportunities_pipelines_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "pipelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opportunities_stages_stage_id",
                        column: x => x.stage_id,
                        principalTable: "stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_amount_id",
                table: "opportunities",
                columns: new[] { "amount", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_created_at_id",
                table: "opportunities",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_customer_id",
                table: "opportunities",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_expected_close_date_id",
                table: "opportunities",
                columns: new[] { "expected_close_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_name_id",
                table: "opportunities",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_owner_id",
                table: "opportunities",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id",
                table: "opportunities",
                column: "pipeline_id");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_stage_id_expected_close_date_id",
                table: "opportunities",
                columns: new[] { "stage_id", "expected_close_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_is_default",
                table: "pipelines",
                column: "is_default",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_stages_pipeline_id_position",
                table: "stages",
                columns: new[] { "pipeline_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_users_team_id",
                table: "users",
                column: "team_id");

            // The default pipeline, so deals can be opened before an administrator defines any. Fixed ids: the same
            // in every installation. Administrators may rename and re-weight it afterwards like any other pipeline.
            var pipelineId = new Guid("5a1e5000-0000-4000-8000-000000000001");
            var seededAt = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
            migrationBuilder.InsertData(
                table: "pipelines",
                columns: new[] { "id", "name", "is_default", "created_at", "updated_at" },
                values: new object[] { pipelineId, "Sales", true, seededAt, seededAt });
            migrationBuilder.InsertData(
                table: "stages",
                columns: new[] { "id", "pipeline_id", "name", "position", "probability", "kind" },
                values: new object[,]
                {
                    { new Guid("5a1e5000-0000-4000-8000-000000000101"), pipelineId, "Qualification", 0, 10, "Open" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000102"), pipelineId, "Needs analysis", 1, 25, "Open" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000103"), pipelineId, "Proposal", 2, 50, "Open" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000104"), pipelineId, "Negotiation", 3, 75, "Open" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000105"), pipelineId, "Won", 4, 100, "Won" },
                    { new Guid("5a1e5000-0000-4000-8000-000000000106"), pipelineId, "Lost", 5, 0, "Lost" },
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "stages");

            migrationBuilder.DropTable(
                name: "pipelines");
        }
    }
}
