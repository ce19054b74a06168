using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DistillPlatform.Dashboard.Web;

/// <summary>
/// Who may use the dashboard. Everything is refused with 401 unless the request carries one of:
/// <list type="bullet">
/// <item>the session cookie, set by <c>GET /login?t=BROWSER_TOKEN</c> (the login URL the AppHost prints), or an
/// <c>Authorization: Bearer BROWSER_TOKEN</c> header (scripts, tests);</item>
/// <item>on the OTLP paths <c>/v1/*</c> only: the <c>x-otlp-api-key</c> header with the OTLP key, which the orchestrator
/// gives every service through OTEL_EXPORTER_OTLP_HEADERS.</item>
/// </list>
/// The two secrets are distinct so that a service's environment (readable by anything running as the same user that can
/// read /proc/PID/environ) grants sending telemetry, not driving the dashboard (stopping resources).
/// </summary>
public sealed class DashboardAccess
{
    public const string OtlpApiKeyHeader = "x-otlp-api-key";
    public const string LoginPath = "/login";
    public const string OtlpPathPrefix = "/v1/";

    private readonly byte[] _browserToken;
    private readonly byte[] _otlpApiKey;
    private readonly byte[] _sessionValue = Encoding.ASCII.GetBytes(NewSecret());

    public DashboardAccess(string browserToken, string otlpApiKey)
    {
        if (browserToken.Length < 16 || otlpApiKey.Length < 16)
        {
            throw new ArgumentException("The dashboard's browser token and OTLP key must be at least 16 characters long.");
        }

        if (browserToken == otlpApiKey)
        {
            throw new ArgumentException("The dashboard's browser token and OTLP key must differ (see DashboardAccess).");
        }

        _browserToken = Encoding.UTF8.GetBytes(browserToken);
        _otlpApiKey = Encoding.UTF8.GetBytes(otlpApiKey);
    }

    /// <summary>128 random bits as hex: a fresh token or key.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The cookie's name includes the port: browsers share cookies between ports of one host, so two dashboards on
    /// 127.0.0.1 (two AppHosts) would otherwise overwrite each other's session.
    /// </summary>
    public static string CookieName(int port) => $"distill-dashboard-{port}";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == LoginPath)
        {
            await LoginAsync(context);
            return;
        }

        var allowed = path.StartsWith(OtlpPathPrefix, StringComparison.Ordinal)
            ? Matches(context.Request.Headers[OtlpApiKeyHeader].ToString(), _otlpApiKey)
            : HasSession(context) || HasBearerToken(context);
        if (!allowed)
        {
            await RefuseAsync(context, path.StartsWith(OtlpPathPrefix, StringComparison.Ordinal)
                ? $"OTLP requests need the {OtlpApiKeyHeader} header the AppHost passes to services in OTEL_EXPORTER_OTLP_HEADERS."
                : "Not signed in: open the dashboard through the login URL the AppHost printed at start "
                  + "(also in STATE/endpoints.json).");
            return;
        }

        await next(context);
    }

    private async Task LoginAsync(HttpContext context)
    {
        if (!Matches(context.Request.Query["t"].ToString(), _browserToken))
        {
            await RefuseAsync(context, "The login token is missing or wrong; use the login URL printed by the AppHost at start.");
            return;
        }

        context.Response.Cookies.Append(CookieName(context.Connection.LocalPort), Encoding.ASCII.GetString(_sessionValue),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
        // Redirecting drops the token from the address bar and from the browser history.
        context.Response.Redirect("/");
    }

    private bool HasSession(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName(context.Connection.LocalPort), out var value)
        && Matches(value, _sessionValue);

    private bool HasBearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(header["Bearer ".Length..], _browserToken);
    }

    /// <summary>Constant-time comparison, so response timing reveals nothing about how much of a guess was right.</summary>
    private static bool Matches(string? candidate, byte[] secret) =>
        !string.IsNullOrEmpty(candidate) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), secret);

    private static async Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n");
    }
}
