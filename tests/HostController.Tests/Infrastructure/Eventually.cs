namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>Polls a condition until it holds; the timeout is a hang guard, not an assertion about speed.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"gave up waiting for: {what} (last value: {last})");
            await Task.Delay(100);
            last = await probe();
        }
        return last;
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null)
        => Get(() => Task.FromResult(condition()), b => b, what, timeout);
}
