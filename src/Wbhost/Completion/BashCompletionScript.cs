namespace WifiBridge.Cli.Completion;

/// <summary>
/// The bash completion script printed by `wbhost completion bash` (zsh loads it through
/// bashcompinit). SSIDs are completed from `wbhost __complete ssids|saved`, one SSID per
/// line in argument form (\xNN escapes), quoted for the shell with printf %q.
/// </summary>
internal static class BashCompletionScript
{
    public const string Text = """
        # bash completion for wbhost(8). Install:
        #   wbhost completion bash > /usr/local/share/bash-completion/completions/wbhost
        _wbhost_ssids()
        {
            local cur=$1 kind=$2 line quoted
            local IFS=$'\n'
            COMPREPLY=()
            while IFS= read -r line; do
                [[ $line == "$cur"* ]] || continue
                printf -v quoted '%q' "$line"
                COMPREPLY+=("$quoted")
            done < <(wbhost __complete "$kind" 2>/dev/null)
            # bash splits words at ':' (COMP_WORDBREAKS); bash-completion knows how to undo that.
            if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
                __ltrim_colon_completions "$cur"
            fi
        }

        _wbhost()
        {
            local cur prev words cword
            if declare -F _init_completion >/dev/null 2>&1; then
                _init_completion || return
            else
                cur=${COMP_WORDS[COMP_CWORD]}
                prev=${COMP_WORDS[COMP_CWORD-1]}
                words=("${COMP_WORDS[@]}")
                cword=$COMP_CWORD
            fi

            local globals="--json --terse --socket --timeout --help --version"
            local commands="scan connect disconnect status roam networks signal vm doctor resume completion help version"

            case $prev in
                --socket|--passphrase-file)
                    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                    return ;;
                --security)
                    mapfile -t COMPREPLY < <(compgen -W "open wpa2 wpa3 wpa2-wpa3 owe" -- "$cur")
                    return ;;
                --timeout|--priority|--wait|--interval|--lines|-n|--bssid|--passphrase|-p|--ssid-hex|--device)
                    return ;;
            esac

            local command="" sub="" i
            for ((i = 1; i < cword; i++)); do
                case ${words[i]} in
                    --socket|--timeout|--passphrase|-p|--passphrase-file|--bssid|--security|--priority|--wait|--interval|--lines|-n|--ssid-hex|--device)
                        ((i++)) ;;
                    -*) ;;
                    *)
                        if [[ -z $command ]]; then command=${words[i]}
                        elif [[ -z $sub ]]; then sub=${words[i]}
                        fi ;;
                esac
            done

            if [[ -z $command ]]; then
                mapfile -t COMPREPLY < <(compgen -W "$commands $globals" -- "$cur")
                return
            fi

            local options=""
            case $command in
                scan) options="--rescan" ;;
                connect)
                    options="--ask --passphrase --passphrase-file --hidden --bssid --security --priority --no-save --wait --ssid-hex"
                    if [[ $cur != -* && -z $sub ]]; then _wbhost_ssids "$cur" ssids; return; fi ;;
                networks)
                    if [[ -z $sub ]]; then
                        mapfile -t COMPREPLY < <(compgen -W "list forget priority autoconnect" -- "$cur"); return
                    fi
                    options="--ssid-hex"
                    if [[ $cur != -* && $sub != list && ${words[cword-1]} == "$sub" ]]; then _wbhost_ssids "$cur" saved; return; fi
                    if [[ $sub == autoconnect && $cur != -* ]]; then
                        mapfile -t COMPREPLY < <(compgen -W "yes no" -- "$cur"); return
                    fi ;;
                signal) options="--watch --interval" ;;
                vm)
                    if [[ -z $sub ]]; then
                        mapfile -t COMPREPLY < <(compgen -W "start stop restart status console logs" -- "$cur"); return
                    fi
                    case $sub in logs) options="--lines" ;; console) options="--device" ;; esac ;;
                completion)
                    mapfile -t COMPREPLY < <(compgen -W "bash zsh" -- "$cur"); return ;;
            esac
            mapfile -t COMPREPLY < <(compgen -W "$options $globals" -- "$cur")
        }
        complete -F _wbhost wbhost

        """;

    /// <summary>zsh: the same script through bashcompinit.</summary>
    public const string ZshPrelude = """
        # zsh completion for wbhost(8), via bashcompinit. Install:
        #   wbhost completion zsh > "${fpath[1]}/_wbhost"   (or source it from ~/.zshrc)
        autoload -U +X compinit && compinit
        autoload -U +X bashcompinit && bashcompinit

        """;
}
