
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'errcode' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'errcode'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'errcode' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find codes whose description contains every term (Chinese or English)')
            [CompletionResult]::new('s', 's', [CompletionResultType]::ParameterValue, 'Find codes whose description contains every term (Chinese or English)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script that knows the codes')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Show what codes mean: `41601`, `416xx`, `416*`')
            [CompletionResult]::new('l', 'l', [CompletionResultType]::ParameterValue, 'Show what codes mean: `41601`, `416xx`, `416*`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the table, in code order, optionally filtered')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip')
            [CompletionResult]::new('e', 'e', [CompletionResultType]::ParameterValue, 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'errcode;search' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;s' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;completions' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;man' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;lookup' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;l' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;list' {
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Only rows of this retry class')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Only codes of this API generation [default: both]')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Only rows the API answers with this HTTP status')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only rows of this category (auth, device, internal…)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only the API 3.0 codes the SDK documents for this action (AddOrganization)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('--show-source', '--show-source', [CompletionResultType]::ParameterName, 'Show where each row came from (built-in or a --table file)')
            [CompletionResult]::new('--twins', '--twins', [CompletionResultType]::ParameterName, 'The legacy codes and their API 3.0 twins, side by side, with the evidence')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;explain' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only envelopes whose code matches (41601, 416xx, ''AuthFailure.*''; repeatable)')
            [CompletionResult]::new('--paging', '--paging', [CompletionResultType]::ParameterName, 'When to page human output on a terminal (PAGER, default less -FRX)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Count envelopes per StatusCode instead of explaining each')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 1 when any envelope is an error (for scripts)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'With --check: print nothing, only the exit status tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'With --check: print nothing, only the exit status tells')
            [CompletionResult]::new('--errors', '--errors', [CompletionResultType]::ParameterName, 'Only error envelopes: printed, counted and checked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'The human layout with each field and what the source document says of it')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'The human layout with each field and what the source document says of it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;e' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only envelopes whose code matches (41601, 416xx, ''AuthFailure.*''; repeatable)')
            [CompletionResult]::new('--paging', '--paging', [CompletionResultType]::ParameterName, 'When to page human output on a terminal (PAGER, default less -FRX)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain in a pipe; explain: human]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Count envelopes per StatusCode instead of explaining each')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 1 when any envelope is an error (for scripts)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'With --check: print nothing, only the exit status tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'With --check: print nothing, only the exit status tells')
            [CompletionResult]::new('--errors', '--errors', [CompletionResultType]::ParameterName, 'Only error envelopes: printed, counted and checked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'The human layout with each field and what the source document says of it')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'The human layout with each field and what the source document says of it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'errcode;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find codes whose description contains every term (Chinese or English)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script that knows the codes')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Show what codes mean: `41601`, `416xx`, `416*`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the table, in code order, optionally filtered')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'errcode;help;search' {
            break
        }
        'errcode;help;completions' {
            break
        }
        'errcode;help;man' {
            break
        }
        'errcode;help;lookup' {
            break
        }
        'errcode;help;list' {
            break
        }
        'errcode;help;explain' {
            break
        }
        'errcode;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
