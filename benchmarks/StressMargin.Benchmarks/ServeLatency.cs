using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StressMargin.Compute.Cpu;
using StressMargin.Engine.Session;
using StressMargin.Server;

namespace StressMargin.Benchmarks;

/// <summary>
/// Latency of the margin service on the sample (<c>-- serve</c>): a real Kestrel on a loopback port in this process,
/// an HttpClient sending requests one after another (so the figures include JSON, HTTP and the loopback, and the
/// client shares the cores with the server). Prints percentiles of what-if latency, warm and during market updates,
/// and the time to re-margin every account after <c>POST /market</c>.
/// </summary>
internal static class ServeLatency
{
    public static void Run(int paths, int requests, int? threads)
    {
        Console.WriteLine($"machine: {new CpuBackend(threads).Device}, .NET {Environment.Version}; sample at {paths:N0} paths");
        var clock = Stopwatch.StartNew();
        var input = SampleScenario.Load(paths);
        double load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var session = MarginSession.Start(input, new SessionOptions(threads));
        Console.WriteLine(FormattableString.Invariant($"load {load:F2} s; warm session {clock.Elapsed.TotalSeconds:F2} s (simulate {input.Plan.InstrumentCount} instruments, margin {session.Margins.Count} accounts); ΔV cache {session.CacheBytes / 1e6:F0} MB"));

        var (app, _) = MarginServer.Create(session, new ServerOptions(["http://127.0.0.1:0"]));
        app.StartAsync().GetAwaiter().GetResult();
        using var client = new HttpClient { BaseAddress = new Uri(MarginServer.Addresses(app).Single()) };
        string whatIf = """{ "account": "directional-021", "trades": [ { "instrument": "ETH-26JUN26-2600-C", "quantity": 100 } ] }""";
        string Post(string path, string body)
        {
            using var r = client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            string text = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {text}");
            return text;
        }
        double Time(Action action) { var sw = Stopwatch.StartNew(); action(); return sw.Elapsed.TotalMilliseconds; }

        for (int i = 0; i < 100; i++) Post("/whatif", whatIf);
        Report("POST /whatif, warm, sequential (HTTP + JSON)", Enumerable.Range(0, requests).Select(_ => Time(() => Post("/whatif", whatIf))).ToArray());
        var trades = new[] { new Trade("ETH-26JUN26-2600-C", 100) };
        Report("MarginSession.WhatIf in process (no HTTP)", Enumerable.Range(0, requests).Select(_ => Time(() => session.WhatIf("directional-021", null, trades))).ToArray());
        var held = input.Book.HeldInstruments.Select(i => i.Id).ToHashSet();
        var outside = input.Instruments.Where(i => i.Kind == Core.Instruments.InstrumentKind.Option && i.Underlying == "ETH" && !held.Contains(i.Id) && i.ExpiryUtc > input.Scenario.AsOf.AddDays(7)).Take(20).ToArray();
        Report("POST /whatif, an instrument outside the book, first request (row simulated)", outside.Select(i => Time(() => Post("/whatif", $$"""{ "account": "directional-021", "trades": [ { "instrument": "{{i.Id}}", "quantity": 10 } ] }"""))).ToArray());
        Report("POST /whatif, the same instruments again (row cached)", outside.Select(i => Time(() => Post("/whatif", $$"""{ "account": "directional-021", "trades": [ { "instrument": "{{i.Id}}", "quantity": 10 } ] }"""))).ToArray());

        string Chain(string name) => JsonSerializer.Serialize(new { deribit_chain = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SampleScenario.Path)!, "raw", name)) });
        var chains = new[] { Chain("deribit_options_snapshot_20260205T212937Z.csv"), Chain("deribit_options_snapshot_20260205T093647Z.csv") };
        var wall = new List<double>();
        var server = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            string answer = "";
            wall.Add(Time(() => answer = Post("/market", chains[i % 2])));
            using var doc = JsonDocument.Parse(answer);
            server.Add(doc.RootElement.GetProperty("seconds").GetDouble() * 1e3);
            if (i == 0) Console.WriteLine($"  first update: {doc.RootElement.GetProperty("changed").GetArrayLength()} accounts changed status, as_of {doc.RootElement.GetProperty("as_of").GetString()}");
        }
        Report("POST /market (Deribit chain, 305 accounts re-margined): wall time at the client", wall.ToArray());
        Report("  of which re-price + simulate + re-margin (the answer's seconds)", server.ToArray());

        // What-ifs while market updates run back to back on the same cores.
        using var stop = new CancellationTokenSource();
        var updates = Task.Run(() => { int i = 0; while (!stop.IsCancellationRequested) Post("/market", chains[i++ % 2]); });
        var during = Enumerable.Range(0, Math.Min(requests, 300)).Select(_ => Time(() => Post("/whatif", whatIf))).ToArray();
        stop.Cancel();
        updates.GetAwaiter().GetResult();
        Report("POST /whatif while market updates run continuously", during);
        app.StopAsync().GetAwaiter().GetResult();
    }

    private static void Report(string what, double[] ms)
    {
        Array.Sort(ms);
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: n = {ms.Length}, p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {ms[^1]:F1} ms"));
    }
}
