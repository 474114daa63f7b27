namespace WifiBridge.Tests;

/// <summary>Every awaited task in a test gets a timeout: a test that can hang will, on a serial link.</summary>
public static class TaskTimeoutExtensions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(task))] string? what = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var done = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        if (done != task)
            throw new TimeoutException($"'{what}' did not complete within {limit.TotalSeconds:0.#} s");
        return await task.ConfigureAwait(false);
    }

    public static async Task WithTimeout(this Task task, TimeSpan? timeout = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(task))] string? what = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var done = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        if (done != task)
            throw new TimeoutException($"'{what}' did not complete within {limit.TotalSeconds:0.#} s");
        await task.ConfigureAwait(false);
    }
}
