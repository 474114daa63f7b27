namespace WifiBridge.Cli.Commands;

/// <summary>`wbhost help`: commands, global options and exit codes (the same as wbhost(8)).</summary>
internal static class HelpText
{
    public const string Text = """
        usage: wbhost [--json|--terse] [--socket PATH] [--timeout SECONDS] COMMAND [ARGS]

        Wi-Fi through the WifiBridge VM (talks to wbhostd).

        commands:
          status                      daemon, VM, guest link, Wi-Fi, uplink and host network
          scan [--rescan]             networks in range (IN-USE, SSID, BSSID, BAND, CHAN, RATE, SIGNAL, BARS, SECURITY)
          connect SSID [--ask | --passphrase-file FILE | --passphrase PASS] [--hidden] [--bssid BSSID]
                  [--security open|wpa2|wpa3|wpa2-wpa3|owe] [--priority N] [--no-save] [--wait SECONDS]
                                      connect (the passphrase is read from stdin when stdin is not a terminal)
          disconnect                  disconnect; autoconnect stays off until the next connect or resume
          roam [BSSID]                roam to BSSID, or to the best other access point of the network
          networks list               saved networks
          networks forget SSID        forget a saved network
          networks priority SSID N    set a saved network's priority (higher wins)
          networks autoconnect SSID yes|no
          signal [--watch] [--interval MS]
                                      signal history, then live samples with --watch
          vm start|stop|restart|status
          vm logs [--lines N]         the VM's console log
          vm console [--device DEV]   attach to the VM's serial console (cu -l /dev/nmdm0B)
          doctor                      check the prerequisites (vmm, IOMMU, Wi-Fi card, ppt, firmware, tap)
          resume                      after suspend/resume: verify and repair the VM and Wi-Fi
          completion bash|zsh         print a shell completion script

        SSIDs: printable text as is; any byte as \xNN, a backslash as \\ (as shown by scan); or --ssid-hex HEX.

        global options:
          -j, --json                  print the daemon's reply as JSON (read commands)
          -t, --terse                 machine-readable lines, fields separated by ':' (':' escaped as \:)
          -s, --socket PATH           wbhostd's socket (default /var/run/wbhost/wbhostd.sock, or $WBHOST_SOCKET)
              --timeout SECONDS       give up after SECONDS
          -h, --help, --version

        exit status:
          0 ok   1 error   2 bad input   3 timeout   4 activation failed (e.g. wrong passphrase)
          5 permission denied   8 wbhostd not running   9 VM or guest unreachable   10 not found

        """;
}
