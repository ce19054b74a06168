using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>
/// Debian's chromium in headless mode, driven over the Chrome DevTools Protocol (JSON messages over a websocket): one
/// page, navigation, JavaScript evaluation, waiting for DOM conditions (polled inside the page with a deadline), and
/// screenshots. Killed with its whole process tree on dispose.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly Process _process;
    private readonly string _profileDirectory;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profileDirectory)
    {
        _process = process;
        _profileDirectory = profileDirectory;
    }

    /// <exception cref="InvalidOperationException">chromium is not installed (scripts/bootstrap.sh, step apt).</exception>
    public static async Task<HeadlessChromium> LaunchAsync(TimeSpan timeout)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed: run scripts/bootstrap.sh (step apt installs Debian's chromium).");
        var profile = Directory.CreateTempSubdirectory("distill-chromium-").FullName;
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless=new",
                     "--no-sandbox", // the test may run as root, where Chromium's sandbox refuses to start
                     "--disable-gpu",
                     "--disable-dev-shm-usage",
                     "--no-first-run",
                     "--no-default-browser-check",
                     "--disable-extensions",
                     "--remote-debugging-address=127.0.0.1",
                     "--remote-debugging-port=0",
                     $"--user-data-dir={profile}",
                     "--window-size=1500,1000",
                     "about:blank",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Chromium announces its DevTools endpoint on stderr once it listens.
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = startInfo };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (DevToolsAnnouncement().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited).WaitAsync(timeout);
            if (first == exited)
            {
                throw new InvalidOperationException($"chromium exited with code {process.ExitCode}:\n{string.Join('\n', output)}");
            }

            var devTools = await listening.Task;
            // A fresh page target (PUT /json/new) rather than whatever tab the browser opened on its own.
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var created = await http.PutAsync($"http://{devTools.Authority}/json/new?about:blank", null);
            created.EnsureSuccessStatusCode();
            var target = await created.Content.ReadFromJsonAsync<JsonElement>();
            await browser.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!));
            await browser.SendAsync("Page.enable");
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads <paramref name="url"/> in the page.</summary>
    public async Task NavigateAsync(Uri url)
    {
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        if (result.TryGetProperty("errorText", out var error)) throw new InvalidOperationException($"Navigation to {url} failed: {error}");
    }

    /// <summary>Evaluates a JavaScript expression in the page (awaiting it if it is a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            var description = exception.TryGetProperty("exception", out var thrown) && thrown.TryGetProperty("description", out var text)
                ? text.GetString()
                : exception.ToString();
            throw new InvalidOperationException($"JavaScript failed: {description}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>
    /// Waits until the JavaScript <paramref name="condition"/> yields a truthy value and returns that value. The
    /// condition is re-evaluated in the page every 100 ms (the page polls its own DOM) until <paramref name="timeout"/>.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string description, string condition, TimeSpan timeout)
    {
        var expression = $$"""
            new Promise((resolve, reject) => {
              const deadline = Date.now() + {{(int)timeout.TotalMilliseconds}};
              const check = () => {
                let value = null;
                try { value = ({{condition}}); } catch (e) { value = null; }
                if (value) resolve(value);
                else if (Date.now() > deadline) reject(new Error('timed out waiting for: ' + {{JsonSerializer.Serialize(description)}}));
                else setTimeout(check, 100);
              };
              check();
            })
            """;
        return await EvaluateAsync(expression);
    }

    /// <summary>Saves a PNG of the page as it is now.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(result.GetProperty("data").GetString()!));
    }

    /// <summary>Sends one DevTools command and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _closing.Token);
        var response = await answer.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (response.TryGetProperty("error", out var error)) throw new InvalidOperationException($"DevTools {method} failed: {error}");
        return response.GetProperty("result");
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // The socket closes with the browser.
        }

        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_profileDirectory, recursive: true);
    }

    private async Task ConnectAsync(Uri webSocketUrl)
    {
        await _socket.ConnectAsync(webSocketUrl, _closing.Token);
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Routes each command's answer (a message with its "id") to its caller; events are not used.</summary>
    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_closing.IsCancellationRequested)
        {
            var received = await _socket.ReceiveAsync(buffer, _closing.Token);
            if (received.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;

            using var document = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
            {
                answer.TrySetResult(document.RootElement.Clone());
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsAnnouncement();
}
