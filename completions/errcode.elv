
use builtin;
use str;

set edit:completion:arg-completer[errcode] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'errcode'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'errcode'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand search 'Find codes whose description contains every term (Chinese or English)'
            cand s 'Find codes whose description contains every term (Chinese or English)'
            cand completions 'Print a shell completion script that knows the codes'
            cand man 'Print the man page (roff)'
            cand lookup 'Show what codes mean: `41601`, `416xx`, `416*`'
            cand l 'Show what codes mean: `41601`, `416xx`, `416*`'
            cand list 'List the table, in code order, optionally filtered'
            cand explain 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
            cand e 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'errcode;search'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;s'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;completions'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;man'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;lookup'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;l'= {
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;list'= {
            cand --retry 'Only rows of this retry class'
            cand --api 'Only codes of this API generation [default: both]'
            cand --http 'Only rows the API answers with this HTTP status'
            cand --category 'Only rows of this category (auth, device, internal…)'
            cand --action 'Only the API 3.0 codes the SDK documents for this action (AddOrganization)'
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand --show-source 'Show where each row came from (built-in or a --table file)'
            cand --twins 'The legacy codes and their API 3.0 twins, side by side, with the evidence'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;explain'= {
            cand --status 'Only envelopes whose code matches (41601, 416xx, ''AuthFailure.*''; repeatable)'
            cand --paging 'When to page human output on a terminal (PAGER, default less -FRX)'
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand --summary 'Count envelopes per StatusCode instead of explaining each'
            cand --check 'Exit 1 when any envelope is an error (for scripts)'
            cand -q 'With --check: print nothing, only the exit status tells'
            cand --quiet 'With --check: print nothing, only the exit status tells'
            cand --errors 'Only error envelopes: printed, counted and checked'
            cand -v 'The human layout with each field and what the source document says of it'
            cand --verbose 'The human layout with each field and what the source document says of it'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;e'= {
            cand --status 'Only envelopes whose code matches (41601, 416xx, ''AuthFailure.*''; repeatable)'
            cand --paging 'When to page human output on a terminal (PAGER, default less -FRX)'
            cand -f 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --format 'Output format [default: table on a terminal, plain in a pipe; explain: human]'
            cand --color 'When to colour the output'
            cand --lang 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]'
            cand --table 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)'
            cand --summary 'Count envelopes per StatusCode instead of explaining each'
            cand --check 'Exit 1 when any envelope is an error (for scripts)'
            cand -q 'With --check: print nothing, only the exit status tells'
            cand --quiet 'With --check: print nothing, only the exit status tells'
            cand --errors 'Only error envelopes: printed, counted and checked'
            cand -v 'The human layout with each field and what the source document says of it'
            cand --verbose 'The human layout with each field and what the source document says of it'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'errcode;help'= {
            cand search 'Find codes whose description contains every term (Chinese or English)'
            cand completions 'Print a shell completion script that knows the codes'
            cand man 'Print the man page (roff)'
            cand lookup 'Show what codes mean: `41601`, `416xx`, `416*`'
            cand list 'List the table, in code order, optionally filtered'
            cand explain 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'errcode;help;search'= {
        }
        &'errcode;help;completions'= {
        }
        &'errcode;help;man'= {
        }
        &'errcode;help;lookup'= {
        }
        &'errcode;help;list'= {
        }
        &'errcode;help;explain'= {
        }
        &'errcode;help;help'= {
        }
    ]
    $completions[$command]
}
