using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using StressMargin.Engine;
using StressMargin.Engine.Session;
using StressMargin.Server;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin serve SCENARIO.yaml [--urls URL[,URL…]] [--token TOKEN] [--paths N] [--seed N] [--threads N]
/// [--max-body-bytes N]</c>: loads the scenario, simulates its base paths once, and serves what-ifs, account margins,
/// market and position updates over HTTP until Ctrl-C or SIGTERM (docs/formats.md §7.9).
/// </summary>
internal static class ServeCommand
{
    /// <summary>Environment variable read for the token when <c>--token</c> is not given (keeps it out of the process list).</summary>
    public const string TokenVariable = "STRESSMARGIN_TOKEN";

    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit, CancellationToken cancellationToken)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML)." };
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on, comma-separated http://HOST:PORT (default {ServerOptions.DefaultUrl}: this machine only)." };
        var token = new Option<string?>("--token") { Description = $"Bearer token required on every request but GET /health (default: ${TokenVariable}; none when unset)." };
        var maxBody = new Option<long?>("--max-body-bytes") { Description = $"Largest request body accepted (default {ServerOptions.DefaultMaxBodyBytes:N0}).", CustomParser = Cli.WholeNumber<long>(long.TryParse, "a positive whole number of bytes") };
        var paths = Cli.PathsOption();
        var seed = Cli.SeedOption();
        var threads = Cli.ThreadsOption();
        var command = new Command("serve", "Serve what-if margin, account margins and market and position updates over HTTP from a warm session.")
        {
            scenario, urls, token, maxBody, paths, seed, threads,
        };
        command.SetAction(r =>
        {
            int? p = r.GetValue(paths);
            int? t = r.GetValue(threads);
            Cli.CheckPathsAndThreads(p, t);
            long? body = r.GetValue(maxBody);
            if (body is <= 0) throw new Cli.UsageException($"--max-body-bytes must be a positive whole number, got {body}");
            var list = r.GetValue(urls)?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? secret = r.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            var options = new ServerOptions(list, string.IsNullOrEmpty(secret) ? null : secret, body ?? ServerOptions.DefaultMaxBodyBytes);
            setExit(Execute(ctx, r.GetValue(scenario)!, options, new RunOverrides(p, r.GetValue(seed)), t, cancellationToken));
        });
        return command;
    }

    /// <summary>Loads, warms the session and serves until cancelled.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="scenario">Scenario path.</param>
    /// <param name="options">Addresses, token, body limit.</param>
    /// <param name="overrides">Paths and seed.</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="cancellationToken">Stops the service.</param>
    /// <returns>Exit code: 0 after a clean stop, 1 when the address cannot be bound.</returns>
    public static int Execute(CommandContext ctx, string scenario, ServerOptions options, RunOverrides overrides, int? threads, CancellationToken cancellationToken)
    {
        var input = ScenarioLoader.Load(scenario, overrides);
        ctx.Log.WriteLine($"stressmargin {ToolInfo.Version} serve — {Path.GetFileName(input.Scenario.Path)}: {input.Book.Accounts.Count:N0} accounts, {input.Plan.InstrumentCount:N0} instruments, {input.Scenario.Simulation.Paths:N0} paths; simulating the base paths …");
        var session = MarginSession.Start(input, new SessionOptions(threads), cancellationToken);
        ctx.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm in {session.BuildSeconds:F2} s; ΔV cache {session.CacheBytes / 1e6:F0} MB"));
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            (app, _) = MarginServer.Create(session, options, ctx.Log);
        }
        catch (ArgumentException e)
        {
            throw new Cli.UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
        if (!MarginServer.LoopbackOnly(options.UrlsOrDefault) && options.Token is null)
            ctx.Log.WriteLine($"warning: listening beyond this machine without a token: anyone who reaches the port can read margins and change the book (set --token or ${TokenVariable})");
        try
        {
            app.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            ctx.Log.WriteLine($"error: cannot listen on {string.Join(", ", options.UrlsOrDefault)}: {e.Message}");
            return ExitCodes.InternalError;
        }
        foreach (var address in MarginServer.Addresses(app))
            ctx.Log.WriteLine($"listening on {address} (OpenAPI: {address}{MarginServer.OpenApiPath}){(options.Token is null ? "" : "; bearer token required")}; Ctrl-C stops");
        app.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        ctx.Log.WriteLine("stopped");
        return ExitCodes.Success;
    }
}
