using BackOffice.Core.Common.Data;
using BackOffice.Infrastructure.Data;
using BackOffice.Web.Auth;
using BackOffice.Web.Components;
using BackOffice.Web.Endpoints;
using BackOffice.Web.Hubs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BackOffice.Web;

public static class BackOfficeApp
{
    public static WebApplication UseBackOffice(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<OperationsHub>(OperationsHub.Path);
        app.MapAccountEndpoints();
        app.MapExportEndpoints();
        app.MapReportEndpoints();
        app.MapClientApi();
        app.MapPartnerApi();
        app.MapDocumentFiles();
        app.MapIdentityWebhook();
        app.MapPaymentWebhooks();
        app.MapSandboxCheckout();
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "BackOffice client API");
            o.RoutePrefix = "docs/api";
            o.DocumentTitle = "BackOffice client API";
        });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = OutboxHealthCheck.WriteJsonAsync,
        });
        return app;
    }

    /// <summary>Creates or migrates the database, seeds roles and (in demo mode) demo staff, and prints how to sign in.</summary>
    public static async Task InitialiseAsync(this WebApplication app, bool printLogins)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        await DatabaseRegistration.MigrateAsync(db);
        var seeder = scope.ServiceProvider.GetRequiredService<Seeder>();
        await seeder.SeedRolesAsync();
        await ReferenceData.SeedAsync(db);
        if (!app.Configuration.GetValue("Demo:Enabled", false))
            return;
        var logins = await seeder.SeedDemoStaffAsync();
        // Only a database this start created for the demo gets the book and a key: an upgraded installation never does.
        var book = 0;
        string? apiKey = null;
        if (seeder.CreatedDemoStaff)
        {
            book = await scope.ServiceProvider.GetRequiredService<DemoBook>().SeedAsync(app.Configuration.GetValue("Demo:Clients", 2000));
            apiKey = await seeder.SeedDemoApiKeyAsync();
            if (app.Configuration.GetValue("Demo:ScreeningLists", true))
                await BackOffice.Infrastructure.Sanctions.DemoScreening.SeedAsync(app.Services.GetRequiredService<IServiceScopeFactory>(),
                    app.Services.GetRequiredService<BackOffice.Core.Kyc.Screening.IScreeningListReader>());
            // Through the real checks, which include screening: after the lists.
            if (book > 0)
            {
                await DemoWithdrawals.SeedAsync(app.Services.GetRequiredService<IServiceScopeFactory>());
                await DemoStatements.SeedAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<TimeProvider>());
                await DemoPartners.SeedAsync(scope.ServiceProvider.GetRequiredService<BackOffice.Core.Common.Data.BackOfficeDb>(), app.Services.GetRequiredService<TimeProvider>());
                await DemoCommissions.SeedAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<TimeProvider>());
                await DemoReports.SeedAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), scope.ServiceProvider.GetRequiredService<BackOffice.Core.Common.Data.BackOfficeDb>(), app.Services.GetRequiredService<TimeProvider>());
            }
        }
        if (book > 0 && printLogins)
            Console.WriteLine($"Demo book: {book:N0} clients seeded.");
        if (!printLogins) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"BackOffice is running at {string.Join(", ", addresses)}");
            Console.WriteLine($"Demo logins (password for all: {Seeder.DemoPassword}):");
            foreach (var login in logins)
                Console.WriteLine($"  {login.UserName,-12} {login.Roles,-14}" +
                    (login.AuthenticatorKey is null ? "" : $" authenticator key {login.AuthenticatorKey} (add it to your authenticator app)"));
            if (apiKey is not null)
                Console.WriteLine($"Client API: {addresses.FirstOrDefault()}/docs/api with header X-Api-Key: {apiKey} (shown this once)");
            Console.WriteLine();
        });
    }
}
