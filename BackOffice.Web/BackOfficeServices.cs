using BackOffice.Core.Accounts;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Data;
using BackOffice.Infrastructure.Excel;
using BackOffice.Infrastructure.Identity;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Infrastructure.Documents;
using BackOffice.Infrastructure.Jobs;
using BackOffice.Infrastructure.Outbox;
using BackOffice.Infrastructure.Payments;
using BackOffice.Infrastructure.Platform;
using BackOffice.Infrastructure.Sanctions;
using BackOffice.Web.Auth;
using BackOffice.Web.Endpoints;
using BackOffice.Web.Features.Kyc;
using BackOffice.Web.Hubs;
using BackOffice.Web.Shared;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace BackOffice.Web;

public static class BackOfficeServices
{
    /// <summary>The one composition root, used by Program and by the tests.</summary>
    public static IServiceCollection AddBackOffice(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        services.AddBackOfficeDatabase(database, baseDirectory);
        services.TryAddSingletonTimeProvider();

        // Mediator: one registration, behaviours in the order they wrap every command.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Result)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(PermissionBehaviour<,>),
                typeof(FourEyesBehaviour<,>),
                typeof(NotificationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(QueryPermissionBehaviour<,>),
                typeof(BackOffice.Core.Reports.ReportReadBehaviour<,>),
            ];
        });
        // Validators hold only their rules (and options): built once, not on every command.
        foreach (var validator in AssemblyScanner.FindValidatorsInAssembly(typeof(Result).Assembly))
            services.AddSingleton(validator.InterfaceType, validator.ValidatorType);
        foreach (var type in typeof(Result).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            foreach (var precheck in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommandPrecheck<>)))
                services.AddScoped(precheck, type);

        services.AddScoped<CommandContext>();
        services.AddScoped<Effects>();
        services.AddScoped<AuditWriter>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<BackOffice.Core.Partners.PartnerRules>();
        services.AddScoped<BackOffice.Core.Partners.Commissions.PartnerPayoutRules>();
        services.AddScoped<BackOffice.Core.Partners.Commissions.PayoutInstructionRules>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<CallbackChannels>();
        services.AddScoped<Seeder>();
        services.AddScoped<CommandSender>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ReportExports>();
        services.AddScoped<BackOffice.Core.Reports.ReportScopes>();
        services.AddScoped<BackOffice.Core.Reports.Facts.ReportFactsReader>();
        services.AddScoped<BackOffice.Core.Reports.Facts.ReportLists>();
        services.AddScoped<BackOffice.Core.Reports.Facts.ReportFactsInvalidation>();
        services.AddScoped<BackOffice.Core.Reports.Compliance.DocumentExpiryCounts>();
        services.AddScoped<BackOffice.Core.Reports.Compliance.ComplianceEntries>();
        services.AddScoped<BackOffice.Core.Reports.Partners.PartnerClientCounts>();
        services.AddScoped<BackOffice.Core.Reports.Accounts.ClientAccountTypes>();
        services.AddScoped<BackOffice.Core.Reports.Facts.ListEntries>();
        services.AddScoped<BackOffice.Core.Reports.Facts.ReportFactsBuilder>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Accounts.AccountFacts>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Payments.PaymentFacts>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Events.EventFacts>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Access.PermissionFacts>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Partners.PartnerFacts>();
        services.AddSingleton<BackOffice.Core.Reports.Facts.IFactFamily, BackOffice.Core.Reports.Compliance.ComplianceFacts>();
        if (configuration.GetValue("Reports:BackgroundFacts", true))
            services.AddHostedService<ReportFactsRefresh>();
        services.AddScoped<BackOffice.Core.Reports.Floor.FloorBoard>();
        services.AddSingleton<BackOffice.Web.Hubs.FloorWatchers>();
        services.Configure<BackOffice.Core.Reports.ReportsOptions>(configuration.GetSection("Reports"));
        foreach (var counter in SpineCounters.All().Concat(AccountsCounters.All()).Concat(KycCounters.All()).Concat(BackOffice.Core.Funds.FundsCounters.All()).Concat(BackOffice.Core.Funds.Withdrawals.WithdrawalCounters.All()).Concat(BackOffice.Core.Partners.PartnerCounters.All()))
            services.AddSingleton(counter);
        services.AddSingleton<LiveOperations>();
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<LoginMonitoringOptions>(configuration.GetSection("LoginMonitoring"));
        services.Configure<KycOptions>(configuration.GetSection("Kyc"));
        services.AddDocumentFiles(configuration, baseDirectory);
        services.Configure<ScreeningOptions>(configuration.GetSection("Screening"));
        services.PostConfigure<ScreeningOptions>(o => o.ListsFolder = Path.GetFullPath(Path.Combine(baseDirectory, o.ListsFolder)));
        services.AddSingleton<IScreeningListReader, ScreeningListReader>();
        services.AddSingleton<ScreeningLists>();
        services.AddScoped<ClientScreener>();
        if (configuration.GetValue("Kyc:BackgroundJobs", true))
        {
            services.AddHostedService<KycDailyChecks>();
            services.AddHostedService<MonitoringBatchJob>();
            services.AddHostedService<ScreeningJobs>();
        }
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<PendingOperationExpiry>();
        services.Configure<BackOffice.Core.Partners.Commissions.PartnersOptions>(configuration.GetSection(BackOffice.Core.Partners.Commissions.PartnersOptions.Section));
        services.AddSingleton<Core.Partners.Commissions.CommissionRunStreams>();
        services.AddHostedService<BackOffice.Infrastructure.Partners.CommissionRunner>();
        services.AddHostedService<BackOffice.Infrastructure.Partners.PayoutScheduler>();
        services.AddTradingPlatform(configuration, baseDirectory);
        services.AddPayments(configuration);
        services.AddIdentityVerification(configuration, baseDirectory);
        services.AddScoped<CreatedApplicant>();
        if (services.Any(s => s.ServiceType == typeof(FakeIdentityProvider)))
        {
            services.AddHttpClient(FakeVerdicts.HttpClientName);
            services.AddSingleton<FakeVerdicts>();
        }
        services.AddScoped<DemoBook>();
        services.AddHostedService<LivePusher>();

        // Staff and access.
        services.AddIdentity<StaffMember, StaffRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Security:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Security:LockoutMinutes", 15));
                o.Password.RequiredLength = 12;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = SingleUseTotpProvider.Name;
            })
            .AddEntityFrameworkStores<BackOfficeDb>()
            .AddTokenProvider<SingleUseTotpProvider>(SingleUseTotpProvider.Name)
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "backoffice.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue("Security:SessionHours", 10));
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddMemoryCache();
        services.AddDataProtection().SetApplicationName("BackOffice").PersistKeysToDbContext<BackOfficeDb>();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitClient>();
        services.AddScoped<ICurrentActorSource, WebActorSource>();
        services.AddScoped<StaffSession>();
        services.AddScoped<LiveConnection>();

        // Live operations hub; Redis carries pushes between web nodes when configured.
        var signalR = services.AddSignalR();
        if (configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("backoffice"));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHealthChecks().AddCheck<Endpoints.OutboxHealthCheck>("database-and-outbox");
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/hubs") || path.StartsWithSegments("/api") || path.StartsWithSegments("/export"))
        {
            ctx.Response.StatusCode = status;
            // Otherwise status-code pages re-execute the request and antiforgery turns it into a 400.
            if (ctx.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
