namespace EcoAssets.Api.Ledger;

/// <summary>When the registry signs a checkpoint on its own (section <c>Ledger</c>).</summary>
public sealed class CheckpointScheduleOptions
{
    /// <summary><c>Ledger:CheckpointInterval</c>: at most this long between a new entry and the checkpoint that covers it.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>Ledger:CheckpointEveryEntries</c>: sign sooner once this many entries are not yet covered (0: by time only).</summary>
    public int CheckpointEveryEntries { get; set; } = 10_000;

    /// <summary><c>Ledger:CheckpointPoll</c>: how often the ledger's size is looked at; the entries rule is as prompt as this.</summary>
    public TimeSpan CheckpointPoll { get; set; } = TimeSpan.FromMinutes(1);
}
