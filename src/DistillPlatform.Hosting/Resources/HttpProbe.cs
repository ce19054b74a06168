namespace DistillPlatform.Hosting.Resources;

/// <summary>Shared HTTP client for health probes: short timeout, no proxy (everything is on 127.0.0.1).</summary>
internal static class HttpProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>True when anything answers HTTP at <paramref name="address"/>, whatever the status code.</summary>
    public static async Task<bool> AnswersAsync(Uri address, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(address, cancellationToken);
        return true;
    }

    /// <summary>True when <paramref name="address"/> answers with a success status code.</summary>
    public static async Task<bool> SucceedsAsync(Uri address, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(address, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
