using StressMargin.Core.Instruments;

namespace StressMargin.Core.Portfolio;

/// <summary>
/// The positions of every account, grouped by account in first-appearance order.
/// Position order within an account is the file order; it fixes the summation order of account P&amp;L,
/// which keeps results bit-reproducible.
/// </summary>
public sealed class Book
{
    /// <summary>Groups positions by account.</summary>
    /// <param name="positions">All positions, in file order.</param>
    public Book(IReadOnlyList<Position> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var order = new List<string>();
        var byAccount = new Dictionary<string, List<Position>>(StringComparer.Ordinal);
        foreach (var p in positions)
        {
            if (!byAccount.TryGetValue(p.AccountId, out var list))
            {
                list = [];
                byAccount.Add(p.AccountId, list);
                order.Add(p.AccountId);
            }
            list.Add(p);
        }
        Accounts = order.Select(a => new Account(a, byAccount[a])).ToArray();
        Positions = Accounts.SelectMany(a => a.Positions).ToArray();
        HeldInstruments = Positions.Select(p => p.Instrument).Distinct().ToArray();
    }

    /// <summary>Accounts in first-appearance order.</summary>
    public IReadOnlyList<Account> Accounts { get; }

    /// <summary>All positions, account by account (the order of <see cref="Accounts"/>, then file order).</summary>
    public IReadOnlyList<Position> Positions { get; }

    /// <summary>Distinct instruments held by at least one position, in first-appearance order.</summary>
    public IReadOnlyList<Instrument> HeldInstruments { get; }
}

/// <summary>An account: an id and its positions (cash, spot, derivatives).</summary>
/// <param name="Id">Account id.</param>
/// <param name="Positions">Its positions in file order.</param>
public sealed record Account(string Id, IReadOnlyList<Position> Positions);
