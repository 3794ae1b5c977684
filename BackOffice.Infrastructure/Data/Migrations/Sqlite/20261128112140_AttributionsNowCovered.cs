using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttributionsNowCovered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientAttributions_PartnerId_To",
                table: "ClientAttributions");

            migrationBuilder.CreateIndex(
                name: "IX_ClientAttributions_PartnerId_To_From",
                table: "ClientAttributions",
                columns: new[] { "PartnerId", "To", "From" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientAttributions_PartnerId_To_From",
                table: "ClientAttributions");

            migrationBuilder.CreateIndex(
                name: "IX_ClientAttributions_PartnerId_To",
                table: "ClientAttributions",
                columns: new[] { "PartnerId", "To" });
        }
    }
}
