using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Api;

/// <summary>Issues a key for the client portal or the CRM. The key is in the result only: it is never stored or shown again.</summary>
[RequiresPermission(AccountsPermissions.ApiKeys)]
public sealed record IssueApiKey(string Name, string[] Scopes) : IBackOfficeCommand<Result<IssuedApiKey>>;

public sealed record IssuedApiKey(Guid Id, string Key, string Prefix);

public sealed class IssueApiKeyValidator : AbstractValidator<IssueApiKey>
{
    public IssueApiKeyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the system that will use the key.").MaximumLength(120);
        RuleFor(x => x.Scopes).NotEmpty().WithMessage("Choose at least one scope.");
        RuleForEach(x => x.Scopes).Must(s => ApiScopes.All.Contains(s)).WithMessage(s => $"Unknown scope; use {string.Join(" or ", ApiScopes.All)}.");
    }
}

[RequiresPermission(AccountsPermissions.ApiKeys)]
public sealed record RevokeApiKey(Guid ApiKeyId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Revoke API key {ApiKeyId}";
}

public sealed class RevokeApiKeyValidator : AbstractValidator<RevokeApiKey>
{
    public RevokeApiKeyValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
}

public sealed class ApiKeyHandlers(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock) :
    ICommandHandler<IssueApiKey, Result<IssuedApiKey>>,
    ICommandHandler<RevokeApiKey, Result>
{
    public async ValueTask<Result<IssuedApiKey>> Handle(IssueApiKey command, CancellationToken ct)
    {
        var (key, prefix) = ApiKey.Generate();
        var entity = new ApiKey
        {
            Name = command.Name.Trim(),
            Prefix = prefix,
            Hash = ApiKey.HashOf(key),
            Scopes = string.Join(",", command.Scopes.Distinct()),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedById = context.Actor.StaffId ?? "",
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(ApiKey), entity.Id.ToString());
        return new IssuedApiKey(entity.Id, key, prefix);
    }

    public async ValueTask<Result> Handle(RevokeApiKey command, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.ApiKeyId, ct);
        if (key is null) return Error.NotFound("The API key");
        if (key.RevokedAt is not null) return Error.Conflict("This key is already revoked.");
        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(ApiKey), key.Id.ToString());
        return Result.Ok();
    }
}
