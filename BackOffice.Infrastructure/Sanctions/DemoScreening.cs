using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Screening;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// Demo mode imports the invented sample lists the way an operator would, then screens the demo book against
/// them, so the hits queue has work in it from the first start.
/// </summary>
public static class DemoScreening
{
    public static async Task SeedAsync(IServiceScopeFactory scopes, IScreeningListReader reader, CancellationToken ct = default)
    {
        foreach (var (source, files) in ListFolder.Read(SampleLists.Folder, reader))
        {
            var result = await scopes.SendAsAsync(new ImportScreeningListFromFolder(source, files), Actor.System("demo"), ct);
            if (!result.Succeeded) throw new InvalidOperationException($"The demo {source} list did not import: {result.Error!.Message}");
        }
        await ScreeningRescreen.RunAsync(scopes, ct);
    }
}
