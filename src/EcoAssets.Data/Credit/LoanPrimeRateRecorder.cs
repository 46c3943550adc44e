using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// The one door for recording a newly published Loan Prime Rate; a published rate is not changed afterwards (a new
/// one takes effect from its own date).
/// </summary>
public sealed class LoanPrimeRateRecorder(EcoAssetsDbContext db)
{
    public async Task<WriteOutcome<LoanPrimeRate>> RecordAsync(LoanPrimeRate rate, CancellationToken cancellationToken)
    {
        if (LoanPrimeRateRules.Check(rate) is { } invalid)
        {
            return WriteOutcome<LoanPrimeRate>.Invalid(invalid);
        }
        return await db.InTransactionAsync(async () =>
        {
            if (await ExistsAsync(rate, cancellationToken))
            {
                return WriteOutcome<LoanPrimeRate>.Conflict(Exists(rate));
            }
            rate.Id = 0;
            db.LoanPrimeRates.Add(rate);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(rate).State = EntityState.Detached;
                // Recorded by someone else between the check and the save (the unique index on tenor and date saw it);
                // any other failure is not the client's to hear as a conflict.
                if (!await ExistsAsync(rate, cancellationToken))
                {
                    throw;
                }
                return WriteOutcome<LoanPrimeRate>.Conflict(Exists(rate));
            }
            return WriteOutcome<LoanPrimeRate>.Created(rate);
        }, cancellationToken);
    }

    private Task<bool> ExistsAsync(LoanPrimeRate rate, CancellationToken cancellationToken) =>
        db.LoanPrimeRates.AnyAsync(r => r.Tenor == rate.Tenor && r.EffectiveFrom == rate.EffectiveFrom, cancellationToken);

    private static RuleViolation Exists(LoanPrimeRate rate) =>
        new(nameof(LoanPrimeRate.EffectiveFrom), $"A {rate.Tenor} rate effective {rate.EffectiveFrom:yyyy-MM-dd} is already recorded.", "RateExists");
}
