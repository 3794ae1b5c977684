using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportFactMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportFactDays_Family_Zone_Day",
                table: "ReportFactDays");

            migrationBuilder.AddColumn<bool>(
                name: "IsMonth",
                table: "ReportFactDays",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_ReportFactDays_Family_Zone_Day_IsMonth",
                table: "ReportFactDays",
                columns: new[] { "Family", "Zone", "Day", "IsMonth" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportFactDays_Family_Zone_Day_IsMonth",
                table: "ReportFactDays");

            migrationBuilder.DropColumn(
                name: "IsMonth",
                table: "ReportFactDays");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFactDays_Family_Zone_Day",
                table: "ReportFactDays",
                columns: new[] { "Family", "Zone", "Day" },
                unique: true);
        }
    }
}
