using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientSearchPatternOps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_Email",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_NameKey",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_PhoneKey",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Email",
                table: "Clients",
                column: "Email",
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_NameKey",
                table: "Clients",
                column: "NameKey")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_PhoneKey",
                table: "Clients",
                column: "PhoneKey")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_Email",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_NameKey",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_PhoneKey",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Email",
                table: "Clients",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_NameKey",
                table: "Clients",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_PhoneKey",
                table: "Clients",
                column: "PhoneKey");
        }
    }
}
