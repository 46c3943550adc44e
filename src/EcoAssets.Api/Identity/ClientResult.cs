namespace EcoAssets.Api.Identity;

/// <summary>What client administration did (<see cref="Value"/>), or why it did nothing (<see cref="Refusal"/>).</summary>
public sealed record ClientResult<T>(T? Value, ClientRefusal? Refusal)
    where T : class
{
    public static implicit operator ClientResult<T>(ClientRefusal refusal) => new(null, refusal);

    public static ClientResult<T> Done(T value) => new(value, null);
}
