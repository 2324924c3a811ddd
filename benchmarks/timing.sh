# Shared by the benchmark scripts (sourced, not run): building the CLI the same way, and reading /usr/bin/time -v.

# publish_cli SOURCE_DIR OUT_DIR LOG: `dotnet publish -c Release -r linux-x64` of SOURCE_DIR's CLI (ReadyToRun where
# the project asks for it); prints the log and fails on a build error.
publish_cli() {
  dotnet publish "$1/src/StressMargin.Cli/StressMargin.Cli.csproj" -c Release -r linux-x64 --self-contained false \
    -o "$2" -v quiet -nologo >"$3" 2>&1 || { cat "$3" >&2; return 1; }
}

# time_fields FILE: "wall_s cpu_s peak_rss_kb" from a /usr/bin/time -v report (cpu = user + system).
time_fields() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set size/ { r = $2 }
    END { print w, u + s, r }' "$1"
}
