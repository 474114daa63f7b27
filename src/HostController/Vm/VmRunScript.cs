namespace WifiBridge.HostController.Vm;

/// <summary>The tiny sh script that runs the VM outside wbhostd (started detached, in its own session):
/// it records the VM's pid, waits for it and records its exit status, so a restarted wbhostd can
/// re-attach to a live VM and still learn how it ended.</summary>
public static class VmRunScript
{
    public const string Text = """
        #!/bin/sh
        # Written by wbhostd. Usage: vm-run.sh PIDFILE EXITFILE LOGFILE PROGRAM [ARGS...]
        # Runs PROGRAM (the VM) detached from wbhostd and records its pid and exit status.
        pidfile=$1; exitfile=$2; logfile=$3; shift 3
        exec </dev/null >>"$logfile" 2>&1
        rm -f "$exitfile"
        "$@" &
        vm=$!
        echo "$vm" >"$pidfile.new" && mv -f "$pidfile.new" "$pidfile"
        wait "$vm"
        rc=$?
        echo "$rc" >"$exitfile.new" && mv -f "$exitfile.new" "$exitfile"
        """;

    public static string WriteTo(string runtimeDir)
    {
        var path = Path.Combine(runtimeDir, "vm-run.sh");
        Networks.AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(Text + "\n"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
