using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Documents;

/// <summary>Says whether a kind of client must provide a document type, and whether approval waits for it.</summary>
[RequiresPermission(KycPermissions.Requirements)]
public sealed record SetDocumentRequirement(ClientKind Kind, string DocumentType, bool Active, bool RequiredForApproval, string Reason)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() =>
        $"{(Active ? RequiredForApproval ? "Require" : "Ask for (optional)" : "Stop asking for")} {Documents.DocumentType.NameOf(DocumentType).ToLowerInvariant()} from {Kind.ToString().ToLowerInvariant()} clients";
}

public sealed class SetDocumentRequirementValidator : AbstractValidator<SetDocumentRequirement>
{
    public SetDocumentRequirementValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.DocumentType).Must((x, t) => Documents.DocumentType.Find(t)?.Kind == x.Kind)
            .WithMessage(x => $"'{x.DocumentType}' is not a document type for {x.Kind.ToString().ToLowerInvariant()} clients.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class SetDocumentRequirementHandler(BackOfficeDb db, Effects effects) : ICommandHandler<SetDocumentRequirement, Result>
{
    public async ValueTask<Result> Handle(SetDocumentRequirement command, CancellationToken ct)
    {
        var requirement = await db.DocumentRequirements.FirstOrDefaultAsync(r => r.Kind == command.Kind && r.DocumentType == command.DocumentType, ct);
        if (requirement is null)
        {
            requirement = new DocumentRequirement
            {
                Kind = command.Kind,
                DocumentType = command.DocumentType,
                Order = Documents.DocumentType.All.ToList().FindIndex(t => t.Code == command.DocumentType),
            };
            db.DocumentRequirements.Add(requirement);
        }
        requirement.Active = command.Active;
        requirement.RequiredForApproval = command.Active && command.RequiredForApproval;
        effects.About(nameof(DocumentRequirement), $"{command.Kind}/{command.DocumentType}");
        return Result.Ok();
    }
}
