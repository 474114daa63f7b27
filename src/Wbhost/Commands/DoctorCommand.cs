using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost doctor`: the daemon's prerequisite checks, each failure with its fix. Exit 1 when any check fails.</summary>
internal static class DoctorCommand
{
    public const string Usage = "wbhost doctor [--json]";

    public static Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        args.EnsureNothingLeft(Usage);
        return context.ReadAndShow("Doctor", new DoctorRequest(), DoctorReport.Parser, report => Show(context, report), TimeSpan.FromSeconds(60));
    }

    private static int Show(CliContext context, DoctorReport report)
    {
        var failed = report.Checks.Count(c => c.Result == CheckResult.Fail);
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, report);
            return failed > 0 ? ExitCode.Error : ExitCode.Ok;
        }
        if (context.Options.Terse)
        {
            foreach (var check in report.Checks)
                context.Out.Write(string.Join(':', new[] { Result(check.Result).Trim(), Clean(check.Name), Clean(check.Detail), Clean(check.Fix) }.Select(TextTable.EscapeTerse)) + "\n");
            return failed > 0 ? ExitCode.Error : ExitCode.Ok;
        }
        foreach (var check in report.Checks)
        {
            context.Out.Write($"[{Result(check.Result)}] {Clean(check.Name)}: {Clean(check.Detail)}\n");
            if (check.Fix.Length > 0 && check.Result != CheckResult.Ok)
                context.Out.Write($"       fix: {Clean(check.Fix)}\n");
        }
        var warnings = report.Checks.Count(c => c.Result == CheckResult.Warn);
        context.Out.Write(failed == 0
            ? $"All {report.Checks.Count} checks passed{(warnings > 0 ? $" ({warnings} with warnings)" : "")}.\n"
            : $"{failed} of {report.Checks.Count} checks failed: apply the fixes above, then run wbhost doctor again.\n");
        return failed > 0 ? ExitCode.Error : ExitCode.Ok;
    }

    private static string Result(CheckResult result) => result switch
    {
        CheckResult.Ok => " ok ",
        CheckResult.Warn => "WARN",
        CheckResult.Fail => "FAIL",
        _ => " ?? ",
    };

    private static string Clean(string text) => TerminalText.Sanitize(text);
}
