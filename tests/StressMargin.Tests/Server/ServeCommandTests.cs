using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Server;

/// <summary><c>stressmargin serve</c> from the command line: listens on loopback, answers, stops on cancel.</summary>
public class ServeCommandTests
{
    /// <summary>A writer that many threads may write to and the test may read while they do.</summary>
    private sealed class SharedWriter : StringWriter
    {
        private readonly Lock _gate = new();
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) { lock (_gate) base.Write(value); }
        public override void Write(string? value) { lock (_gate) base.Write(value); }
        public override void WriteLine(string? value) { lock (_gate) base.WriteLine(value); }
        public string Text() { lock (_gate) return ToString(); }
    }

    [Fact]
    public async Task ServeListensOnLoopbackAnswersAndStopsOnCancel()
    {
        using var cts = new CancellationTokenSource();
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var serve = Task.Run(() => StressMargin.Cli.Cli.Run(["serve", RepoPaths.SampleScenario, "--urls", "http://127.0.0.1:0", "--paths", "2000"], stdout, stderr, false, cts.Token));
        Match listening = Match.Empty;
        for (int i = 0; i < 600 && !serve.IsCompleted && !(listening = Regex.Match(stderr.Text(), @"listening on (http://127\.0\.0\.1:\d+)")).Success; i++)
            await Task.Delay(100);
        Assert.True(listening.Success, stderr.Text());
        using var client = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value) };
        using (var r = await client.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await client.GetAsync("/accounts/naked-put-001")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        cts.Cancel();
        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("GET /accounts/naked-put-001 200", stderr.Text());
        Assert.Contains("stopped", stderr.Text());
    }

    [Fact]
    public void AnAddressThatIsNotHttpIsAUsageError()
    {
        var r = CliRunner.Run("serve", RepoPaths.SampleScenario, "--urls", "https://127.0.0.1:0", "--paths", "1000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--urls: expected http://HOST:PORT", r.Stderr);
    }
}
