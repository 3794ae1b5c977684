using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Verification;

/// <param name="Provider">The adapter in use now ("fake", "sumsub").</param>
/// <param name="Callbacks">The latest webhooks about the client, newest first.</param>
public sealed record IdentityCheckView(long ClientId, string Reference, string Provider, IdentityCheck? Check, IReadOnlyList<ProviderCallback> Callbacks);

/// <summary>Where the client's verification at the identity provider stands, for the case screen.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record GetIdentityCheck(long ClientId) : IBackOfficeQuery<IdentityCheckView>;

public sealed class GetIdentityCheckHandler(BackOfficeDb db, IIdentityVerification provider) : IQueryHandler<GetIdentityCheck, IdentityCheckView>
{
    public async ValueTask<IdentityCheckView> Handle(GetIdentityCheck query, CancellationToken ct)
    {
        var check = await db.IdentityChecks.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == query.ClientId, ct);
        var callbacks = await db.ProviderCallbacks.AsNoTracking().Where(c => c.ClientId == query.ClientId)
            .OrderByDescending(c => c.Id).Take(5).ToListAsync(ct);
        return new IdentityCheckView(query.ClientId, ClientReference.Of(query.ClientId), provider.Name, check, callbacks);
    }
}
