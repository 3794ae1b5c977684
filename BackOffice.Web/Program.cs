using BackOffice.Web;

var settings = OperatorSettings.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseStaticWebAssets();
OperatorSettings.Apply(builder.Configuration, settings, args);
builder.Logging.AddSimpleConsole(o =>
{
    o.IncludeScopes = true;
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
    o.UseUtcTimestamp = true;
});
builder.Services.AddBackOffice(builder.Configuration, settings.Directory);

var app = builder.Build();
app.UseBackOffice();
await app.InitialiseAsync(printLogins: true);
await app.RunAsync();

public partial class Program
{
}
