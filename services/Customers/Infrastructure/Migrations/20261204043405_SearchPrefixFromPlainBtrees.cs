using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SearchPrefixFromPlainBtrees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The clusters run with the C locale, where the plain lower(name) / lower(email) btrees (Imports migration)
            // serve LIKE 'text%' as a range as well: the text_pattern_ops copies only cost every insert two more index entries.
            migrationBuilder.Sql("DROP INDEX ix_customers_email_lower;");
            migrationBuilder.Sql("DROP INDEX ix_customers_name_lower;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_lower ON customers (lower(name) text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_email_lower ON customers (lower(email) text_pattern_ops);");
        }
    }
}
