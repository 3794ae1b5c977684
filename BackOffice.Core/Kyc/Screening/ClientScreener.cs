using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Corporate;
using BackOffice.Core.Kyc.Screening.Matching;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>A person or company screened for a client: the client itself (no party) or one of its related persons.</summary>
public sealed record ScreenedSubject(long? PartyId, ScreeningSubject Subject);

/// <summary>What screening one client changed in the hits queue.</summary>
public readonly record struct ScreeningOutcome(int Raised, int Withdrawn)
{
    public bool Changed => Raised + Withdrawn > 0;
}

/// <summary>
/// Screens a client and its related persons against a list and files the result as hits: a new possible
/// match opens a hit; a match already decided as a false positive stays quiet while its entry is unchanged;
/// a confirmed match is never raised twice; an open hit that no longer matches is withdrawn.
/// </summary>
public sealed class ClientScreener(BackOfficeDb db, Effects effects, ScreeningLists lists)
{
    /// <summary>Screens the client against every list in force (registration, a changed name or date of birth, a new related person).</summary>
    public async Task<ScreeningOutcome> ScreenAsync(Client client, string trigger, DateTime now, CancellationToken ct)
    {
        if (await lists.InForceAsync(db, ct) is not { } list) return default;
        var parties = client.Kind == ClientKind.Corporate
            ? await db.CorporateParties.Where(p => p.ClientId == client.Id).ToListAsync(ct)
            : [];
        var existing = await db.ScreeningHits.Where(h => h.ClientId == client.Id).ToListAsync(ct);
        var outcome = File(client.Id, SubjectsOf(client, parties), list, existing, wholeList: true, trigger, now);
        await FinishAsync(outcome, ct);
        return outcome;
    }

    /// <summary>
    /// Screens a batch of clients against the entries one import added or changed. Only those entries can raise
    /// or withdraw hits; every other decision stands.
    /// </summary>
    public async Task<(ScreeningOutcome Outcome, IReadOnlyList<Client> Touched)> ScreenBatchAsync(IReadOnlyList<Client> clients, LoadedList changedEntries,
        string trigger, DateTime now, CancellationToken ct)
    {
        var ids = clients.Select(c => c.Id).ToList();
        var corporateIds = clients.Where(c => c.Kind == ClientKind.Corporate).Select(c => c.Id).ToList();
        var parties = (corporateIds.Count == 0 ? [] : await db.CorporateParties.Where(p => corporateIds.Contains(p.ClientId)).ToListAsync(ct))
            .ToLookup(p => p.ClientId);
        var hits = (await db.ScreeningHits.Where(h => ids.Contains(h.ClientId)).ToListAsync(ct)).ToLookup(h => h.ClientId);
        var total = default(ScreeningOutcome);
        var touched = new List<Client>();
        foreach (var client in clients)
        {
            var outcome = File(client.Id, SubjectsOf(client, parties[client.Id]), changedEntries,
                hits[client.Id].ToList(), wholeList: false, trigger, now);
            if (outcome.Changed) touched.Add(client);
            total = new ScreeningOutcome(total.Raised + outcome.Raised, total.Withdrawn + outcome.Withdrawn);
        }
        await FinishAsync(total, ct);
        return (total, touched);
    }

    public static IReadOnlyList<ScreenedSubject> SubjectsOf(Client client, IEnumerable<CorporateParty> parties)
    {
        var subjects = new List<ScreenedSubject>();
        if (client.Kind == ClientKind.Individual)
            subjects.Add(new(null, new ScreeningSubject($"{client.FirstName} {client.LastName}".Trim(), client.DateOfBirth,
                client.Nationality ?? client.Country)));
        else
            subjects.Add(new(null, new ScreeningSubject(client.CompanyName, null, client.CountryOfIncorporation ?? client.Country)));
        subjects.AddRange(parties.Where(p => !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => new ScreenedSubject(p.Id, new ScreeningSubject(p.Name, p.DateOfBirth, p.Country))));
        return subjects;
    }

    private ScreeningOutcome File(long clientId, IReadOnlyList<ScreenedSubject> subjects, LoadedList list, List<ScreeningHitRecord> existing,
        bool wholeList, string trigger, DateTime now)
    {
        int raised = 0, withdrawn = 0;
        foreach (var (partyId, subject) in subjects)
        {
            var found = new HashSet<long>();
            foreach (var hit in list.Index.Screen(subject))
            {
                if (!list.Ids.TryGetValue(hit.Entry.Key, out var entryId)) continue;
                found.Add(entryId);
                var records = existing.Where(r => r.PartyId == partyId && r.EntryId == entryId).ToList();
                if (records.Any(r => r.Status == ScreeningHitStatus.TrueMatch)) continue;
                var hash = hit.Entry.ContentHash();
                if (records.Any(r => r.Status == ScreeningHitStatus.FalsePositive && r.EntryHash == hash)) continue;
                var record = records.FirstOrDefault(r => r.IsOpen);
                if (record is null)
                {
                    record = new ScreeningHitRecord
                    {
                        ClientId = clientId, PartyId = partyId, EntryId = entryId, EntryIsPep = hit.Entry.IsPep, Trigger = trigger, RaisedAt = now,
                        Status = ScreeningHitStatus.Open,
                    };
                    db.ScreeningHits.Add(record);
                    existing.Add(record);
                    raised++;
                }
                record.SubjectName = subject.Name;
                record.SubjectBirthDate = subject.BirthDate;
                record.SubjectCountry = subject.Country;
                record.EntryHash = hash;
                record.EntryIsPep = hit.Entry.IsPep;
                record.Score = Math.Round(hit.Score, 4);
                record.NameScore = Math.Round(hit.NameScore, 4);
                record.MatchedName = hit.MatchedName.Length <= 400 ? hit.MatchedName : hit.MatchedName[..400];
                record.Matched = hit.Matched;
                record.Contradicted = hit.Contradicted;
            }
            // An open hit this screening covered and no longer finds is no longer a possible match.
            var inScope = wholeList ? null : list.EntryIds;
            foreach (var stale in existing.Where(r => r.PartyId == partyId && r.IsOpen && !found.Contains(r.EntryId)
                                                      && (inScope is null || inScope.Contains(r.EntryId))))
            {
                Withdraw(stale, wholeList ? "no longer matches the client's details" : "no longer matches the updated list entry", now);
                withdrawn++;
            }
        }
        if (wholeList)
        {
            // Hits on a related person who has since been removed from the structure.
            var current = subjects.Select(s => s.PartyId).ToHashSet();
            foreach (var orphan in existing.Where(r => r.IsOpen && !current.Contains(r.PartyId)))
            {
                Withdraw(orphan, "the related person is no longer recorded", now);
                withdrawn++;
            }
        }
        if (raised + withdrawn > 0) effects.About(nameof(Client), clientId.ToString());
        return new ScreeningOutcome(raised, withdrawn);
    }

    public static void Withdraw(ScreeningHitRecord hit, string why, DateTime now)
    {
        hit.Status = ScreeningHitStatus.Withdrawn;
        hit.DecidedBy = "system";
        hit.DecidedAt = now;
        hit.DecisionNote = why;
    }

    private async Task FinishAsync(ScreeningOutcome outcome, CancellationToken ct)
    {
        if (!outcome.Changed) return;
        // Saved now, inside the command's transaction, so the risk score that follows reads them.
        await db.SaveChangesAsync(ct);
        effects.Touch(KycCounters.ScreeningHits);
    }
}
