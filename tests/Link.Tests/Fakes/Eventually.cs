namespace WifiBridge.Link.Tests.Fakes;

/// <summary>Waits for a condition another thread makes true (a harness wait, not a timing assertion).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TaskTimeoutExtensions.DefaultTimeout;
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > limit)
                throw new TimeoutException($"still not true after {limit.TotalSeconds:0.#} s: {what}");
            await Task.Delay(10);
        }
    }
}
