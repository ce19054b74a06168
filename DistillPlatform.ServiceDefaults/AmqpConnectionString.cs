namespace DistillPlatform.ServiceDefaults;

/// <summary>The parts of <c>ConnectionStrings__messaging</c> (<c>amqp://USER:PASS@HOST:PORT/VHOST</c>).</summary>
public sealed record AmqpConnectionString(string Host, ushort Port, string VirtualHost, string UserName, string Password)
{
    public static AmqpConnectionString Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme != "amqp")
        {
            throw new FormatException(
                $"Messaging connection string '{Redact(connectionString)}' is not an amqp:// URI; expected amqp://USER:PASS@HOST:PORT/.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length != 2 || userInfo[0].Length == 0)
        {
            throw new FormatException(
                $"Messaging connection string '{Redact(connectionString)}' has no USER:PASS part; expected amqp://USER:PASS@HOST:PORT/.");
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new AmqpConnectionString(
            uri.Host,
            (ushort)(uri.IsDefaultPort ? 5672 : uri.Port),
            path.Length == 0 ? "/" : path,
            Uri.UnescapeDataString(userInfo[0]),
            Uri.UnescapeDataString(userInfo[1]));
    }

    /// <summary>Hides the password when a connection string appears in an error message.</summary>
    private static string Redact(string connectionString)
    {
        var at = connectionString.LastIndexOf('@');
        var colon = connectionString.IndexOf(':', connectionString.IndexOf("//", StringComparison.Ordinal) + 2);
        return at > 0 && colon > 0 && colon < at ? connectionString[..(colon + 1)] + "***" + connectionString[at..] : connectionString;
    }
}
