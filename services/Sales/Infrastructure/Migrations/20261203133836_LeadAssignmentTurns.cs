using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Sales.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LeadAssignmentTurns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_assignment_turns",
                columns: table => new
                {
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_assignment_turns", x => x.rule_id);
                    table.ForeignKey(
                        name: "fk_lead_assignment_turns_lead_assignment_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "lead_assignment_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each team rule keeps the turn it had.
            migrationBuilder.Sql("""
                INSERT INTO lead_assignment_turns (rule_id, last_assigned_user_id)
                SELECT id, last_assigned_user_id FROM lead_assignment_rules WHERE last_assigned_user_id IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "last_assigned_user_id",
                table: "lead_assignment_rules");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "last_assigned_user_id",
                table: "lead_assignment_rules",
                type: "uuid",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE lead_assignment_rules AS rule SET last_assigned_user_id = turn.last_assigned_user_id
                FROM lead_assignment_turns AS turn WHERE turn.rule_id = rule.id;
                """);

            migrationBuilder.DropTable(
                name: "lead_assignment_turns");
        }
    }
}
