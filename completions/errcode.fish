# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_errcode_global_optspecs
    string join \n f/format= color= lang= table= h/help V/version
end

function __fish_errcode_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_errcode_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_errcode_using_subcommand
    set -l cmd (__fish_errcode_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c errcode -n "__fish_errcode_needs_command" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_needs_command" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_needs_command" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_needs_command" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_needs_command" -s V -l version -d 'Print version'
complete -c errcode -n "__fish_errcode_needs_command" -a "search" -d 'Find codes whose description contains every term (Chinese or English)'
complete -c errcode -n "__fish_errcode_needs_command" -a "s" -d 'Find codes whose description contains every term (Chinese or English)'
complete -c errcode -n "__fish_errcode_needs_command" -a "completions" -d 'Print a shell completion script that knows the codes'
complete -c errcode -n "__fish_errcode_needs_command" -a "man" -d 'Print the man page (roff)'
complete -c errcode -n "__fish_errcode_needs_command" -a "lookup" -d 'Show what codes mean: `41601`, `416xx`, `416*`'
complete -c errcode -n "__fish_errcode_needs_command" -a "l" -d 'Show what codes mean: `41601`, `416xx`, `416*`'
complete -c errcode -n "__fish_errcode_needs_command" -a "list" -d 'List the table, in code order, optionally filtered'
complete -c errcode -n "__fish_errcode_needs_command" -a "explain" -d 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
complete -c errcode -n "__fish_errcode_needs_command" -a "e" -d 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
complete -c errcode -n "__fish_errcode_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c errcode -n "__fish_errcode_using_subcommand search" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand search" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand search" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand search" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand s" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand s" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand s" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand s" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand s" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand completions" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand completions" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand completions" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand completions" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand man" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand man" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand man" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand man" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand l" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand l" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand l" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand l" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand l" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand list" -l retry -d 'Only rows of this retry class' -r -f -a "never\t'The request itself is wrong: fix it; sending it again cannot succeed'
after-fix\t'Fix the cause (a token, a device, a setting), then the same call can succeed'
backoff\t'A transient server-side failure: retry with exponential backoff and jitter'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l api -d 'Only codes of this API generation [default: both]' -r -f -a "legacy\t'The legacy API (numeric codes)'
v3\t'Tencent Cloud API 3.0 (codes such as `AuthFailure.SignatureExpire`)'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l action -d 'Only the API 3.0 codes the SDK documents for this action (AddOrganization)' -r
complete -c errcode -n "__fish_errcode_using_subcommand list" -l http -d 'Only rows the API answers with this HTTP status' -r -f -a "200\t'52 codes'
400\t'2 codes'
402\t'1 codes; HTTP 402 here means a concurrency limit (too many downloads at once), not Payment Required'
403\t'5 codes'
456\t'14 codes; HTTP 456 is not a registered HTTP status: this platform answers it for infrastructure failures (52501-52514)'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l category -d 'Only rows of this category (auth, device, internal…)' -r -f -a "auth\t''
certificate\t''
channel\t''
device\t''
domain\t''
download\t''
gateway\t''
import\t''
internal\t''
organisation\t''
parameter\t''
quota\t''
recording\t''
resource\t''
stream\t''
success\t''"
complete -c errcode -n "__fish_errcode_using_subcommand list" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand list" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand list" -l show-source -d 'Show where each row came from (built-in or a --table file)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -l twins -d 'The legacy codes and their API 3.0 twins, side by side, with the evidence'
complete -c errcode -n "__fish_errcode_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand explain" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand explain" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand explain" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand explain" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand explain" -l summary -d 'Count envelopes per StatusCode instead of explaining each'
complete -c errcode -n "__fish_errcode_using_subcommand explain" -l check -d 'Exit 1 when any envelope is an error (for scripts)'
complete -c errcode -n "__fish_errcode_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand e" -s f -l format -d 'Output format [default: table on a terminal, plain in a pipe; explain: human]' -r -f -a "table\t'A table fitted to the terminal (the default on a terminal)'
plain\t'One tab-separated row per line (the default in a pipe)'
json\t'JSON (an array; explain: one object per line)'"
complete -c errcode -n "__fish_errcode_using_subcommand e" -l color -d 'When to colour the output' -r -f -a "auto\t'Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks)'
always\t'Always colour (never JSON)'
never\t'Never colour'"
complete -c errcode -n "__fish_errcode_using_subcommand e" -l lang -d 'Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]' -r -f -a "zh\t'Chinese: the table\'s own text'
en\t'English, with the original Chinese text beside it'"
complete -c errcode -n "__fish_errcode_using_subcommand e" -l table -d 'A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)' -r -F
complete -c errcode -n "__fish_errcode_using_subcommand e" -l summary -d 'Count envelopes per StatusCode instead of explaining each'
complete -c errcode -n "__fish_errcode_using_subcommand e" -l check -d 'Exit 1 when any envelope is an error (for scripts)'
complete -c errcode -n "__fish_errcode_using_subcommand e" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "search" -d 'Find codes whose description contains every term (Chinese or English)'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "completions" -d 'Print a shell completion script that knows the codes'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "man" -d 'Print the man page (roff)'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "lookup" -d 'Show what codes mean: `41601`, `416xx`, `416*`'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "list" -d 'List the table, in code order, optionally filtered'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "explain" -d 'Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip'
complete -c errcode -n "__fish_errcode_using_subcommand help; and not __fish_seen_subcommand_from search completions man lookup list explain help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

# Codes for lookup and list, with their meanings.
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '200' -d 'Request succeeded (请求成功)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '200' -d 'Request succeeded (请求成功)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40001' -d 'Invalid parameter (无效的参数)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40001' -d 'Invalid parameter (无效的参数)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40002' -d 'Invalid access protocol (无效的接入协议)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40002' -d 'Invalid access protocol (无效的接入协议)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40003' -d 'Invalid device type (无效的设备类型)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40003' -d 'Invalid device type (无效的设备类型)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40004' -d 'Invalid device status (无效的设备状态)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40004' -d 'Invalid device status (无效的设备状态)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40005' -d 'Parameter validation failed (参数校验失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40005' -d 'Parameter validation failed (参数校验失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '40006' -d 'Record not found in the database (数据库未查到该记录)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '40006' -d 'Record not found in the database (数据库未查到该记录)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41301' -d 'Failed to get the user\'s device resource list (获取用户设备资源列表失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41301' -d 'Failed to get the user\'s device resource list (获取用户设备资源列表失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41601' -d 'Token expired, please generate a new token (Token 已过期，请重新生成 Token)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41601' -d 'Token expired, please generate a new token (Token 已过期，请重新生成 Token)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41602' -d 'Invalid token (无效的 Token)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41602' -d 'Invalid token (无效的 Token)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41603' -d 'Failed to add organisation: the organisation tree is at its maximum depth (新增组织树失败，达到组织树的最大深度)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41603' -d 'Failed to add organisation: the organisation tree is at its maximum depth (新增组织树失败，达到组织树的最大深度)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41604' -d 'Unsupported stream protocol (不支持的流协议)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41604' -d 'Unsupported stream protocol (不支持的流协议)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41605' -d 'Invalid stream ID (非法的流 ID)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41605' -d 'Invalid stream ID (非法的流 ID)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41606' -d 'Domain CNAME resolution failed, check the configuration at your DNS provider (域名 CNAME 解析未成功，请到域名服务商处检查配置)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41606' -d 'Domain CNAME resolution failed, check the configuration at your DNS provider (域名 CNAME 解析未成功，请到域名服务商处检查配置)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41607' -d 'The organisation has child organisations and cannot be deleted (组织下有挂靠的组织，不允许删除)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41607' -d 'The organisation has child organisations and cannot be deleted (组织下有挂靠的组织，不允许删除)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41608' -d 'The organisation still has devices added by the main account or other sub-accounts: you cannot view or delete it (组织下仍有主账号或其他子账号添加的设备，您无法查看或删除组织)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41608' -d 'The organisation still has devices added by the main account or other sub-accounts: you cannot view or delete it (组织下仍有主账号或其他子账号添加的设备，您无法查看或删除组织)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41609' -d 'The domain has no ICP filing (该域名没有备案)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41609' -d 'The domain has no ICP filing (该域名没有备案)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41610' -d 'No available service node found (没有找到可用的服务节点)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41610' -d 'No available service node found (没有找到可用的服务节点)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41611' -d 'Invalid time: the start time cannot be later than the end time (时间设置错误，开始时间不能大于结束时间)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41611' -d 'Invalid time: the start time cannot be later than the end time (时间设置错误，开始时间不能大于结束时间)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41612' -d 'Invalid time: the start time cannot be later than the current time (时间设置错误，开始时间不能大于当前时间)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41612' -d 'Invalid time: the start time cannot be later than the current time (时间设置错误，开始时间不能大于当前时间)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41613' -d 'Organisation names must be unique (组织名称不能重复)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41613' -d 'Organisation names must be unique (组织名称不能重复)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41614' -d 'The file content is wrong or the template was tampered with (文件内容有误或模板被篡改)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41614' -d 'The file content is wrong or the template was tampered with (文件内容有误或模板被篡改)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41615' -d 'Cannot import more than 5000 devices at once (导入设备数量不能超过5000)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41615' -d 'Cannot import more than 5000 devices at once (导入设备数量不能超过5000)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41616' -d 'The import file cannot have more than one sheet (导入文件的表单不能超过1)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41616' -d 'The import file cannot have more than one sheet (导入文件的表单不能超过1)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41617' -d 'Device offline (设备离线)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41617' -d 'Device offline (设备离线)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41618' -d 'The domain already exists (该域名已存在)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41618' -d 'The domain already exists (该域名已存在)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41619' -d 'The certificate does not match the domain (证书与域名不匹配)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41619' -d 'The certificate does not match the domain (证书与域名不匹配)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41620' -d 'Failed to parse the certificate, check its content (证书解析失败，请检查证书内容)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41620' -d 'Failed to parse the certificate, check its content (证书解析失败，请检查证书内容)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41621' -d 'Device disabled (设备被禁用)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41621' -d 'Device disabled (设备被禁用)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41622' -d 'The cluster has reached its user limit (集群用户数达到上限)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41622' -d 'The cluster has reached its user limit (集群用户数达到上限)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41623' -d 'The domain was deleted, so no stream URL can be generated: submit the domain again (域名已删除，无法生成流链接，请重新提交域名)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41623' -d 'The domain was deleted, so no stream URL can be generated: submit the domain again (域名已删除，无法生成流链接，请重新提交域名)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41624' -d 'Name is empty or invalid (名称为空或填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41624' -d 'Name is empty or invalid (名称为空或填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41625' -d 'Invalid description (描述填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41625' -d 'Invalid description (描述填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41626' -d 'GB/T 28181 device password is empty or invalid (国标设备密码为空或填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41626' -d 'GB/T 28181 device password is empty or invalid (国标设备密码为空或填写有误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41627' -d 'No recordings for this date (当前日期暂无录像)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41627' -d 'No recordings for this date (当前日期暂无录像)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41628' -d 'Device not registered (设备未注册)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41628' -d 'Device not registered (设备未注册)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41629' -d 'Invalid gateway access protocol (无效的网关接入协议)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41629' -d 'Invalid gateway access protocol (无效的网关接入协议)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41630' -d 'Scale and Pos cannot be sent together (Scale 和 Pos 参数不支持同时下发)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41630' -d 'Scale and Pos cannot be sent together (Scale 和 Pos 参数不支持同时下发)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41631' -d 'Gateway key missing (缺失网关密钥)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41631' -d 'Gateway key missing (缺失网关密钥)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41632' -d 'The gateway already exists, do not activate it again (该网关已存在，请勿重复激活)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41632' -d 'The gateway already exists, do not activate it again (该网关已存在，请勿重复激活)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41633' -d 'StreamType and Resolution cannot be sent together (StreamType 和 Resolution 参数不支持同时下发)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41633' -d 'StreamType and Resolution cannot be sent together (StreamType 和 Resolution 参数不支持同时下发)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '41634' -d 'Channel offline (通道离线)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '41634' -d 'Channel offline (通道离线)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42205' -d 'Resource in use (资源使用中)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42205' -d 'Resource in use (资源使用中)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42206' -d 'Device does not exist (设备不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42206' -d 'Device does not exist (设备不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42207' -d 'Channel does not exist (通道不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42207' -d 'Channel does not exist (通道不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42501' -d 'Recording does not exist (录像不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42501' -d 'Recording does not exist (录像不存在)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42502' -d 'No read permission on COS (没有 COS 的读取权限)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42502' -d 'No read permission on COS (没有 COS 的读取权限)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42503' -d 'Invalid download URL (非法的下载 URL)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42503' -d 'Invalid download URL (非法的下载 URL)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42504' -d 'Download URL expired (下载 URL 已过期)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42504' -d 'Download URL expired (下载 URL 已过期)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42505' -d 'Too many concurrent downloads (并发下载数超限)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42505' -d 'Too many concurrent downloads (并发下载数超限)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42506' -d 'The recording is not in standard storage (录像不在标准存储中)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42506' -d 'The recording is not in standard storage (录像不在标准存储中)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42507' -d 'Download refused: bandwidth is limited (禁止下载因带宽被限制)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42507' -d 'Download refused: bandwidth is limited (禁止下载因带宽被限制)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '42508' -d 'Download refused: connection count is limited (禁止下载因链接数被限制)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '42508' -d 'Download refused: connection count is limited (禁止下载因链接数被限制)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '50000' -d 'Operation failed (操作失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '50000' -d 'Operation failed (操作失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '50001' -d 'No database instance available (got 0) (获取数据库实例为0)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '50001' -d 'No database instance available (got 0) (获取数据库实例为0)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '50002' -d 'VCM call failed (VCM 调用失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '50002' -d 'VCM call failed (VCM 调用失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '51601' -d 'Tkex-Csig call failed (Tkex-Csig 调用失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '51601' -d 'Tkex-Csig call failed (Tkex-Csig 调用失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '51602' -d 'GB/T 28181 signalling operation failed (国标信令操作失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '51602' -d 'GB/T 28181 signalling operation failed (国标信令操作失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '51603' -d 'Gateway signalling operation failed / Failed to send to the message queue (网关信令操作失败 / 消息队列发送失败)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '51603' -d 'Gateway signalling operation failed / Failed to send to the message queue (网关信令操作失败 / 消息队列发送失败)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52501' -d 'Memory error (内存错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52501' -d 'Memory error (内存错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52502' -d 'Error accessing Redis (访问 Redis 错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52502' -d 'Error accessing Redis (访问 Redis 错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52503' -d 'Error registering with Polaris (service discovery) (向北极星注册错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52503' -d 'Error registering with Polaris (service discovery) (向北极星注册错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52504' -d 'Connection to VCM interrupted (与 vcm 的链接中断)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52504' -d 'Connection to VCM interrupted (与 vcm 的链接中断)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52505' -d 'Timed out receiving data from VCM (从 vcm 接收数据超时)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52505' -d 'Timed out receiving data from VCM (从 vcm 接收数据超时)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52506' -d 'Error creating a Polaris consumer (创建北极星消费者错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52506' -d 'Error creating a Polaris consumer (创建北极星消费者错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52507' -d 'Error getting an instance from Polaris (从北极星获取实例错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52507' -d 'Error getting an instance from Polaris (从北极星获取实例错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52508' -d 'Error reporting an instance call result to Polaris (向北极星报告实例执行结果错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52508' -d 'Error reporting an instance call result to Polaris (向北极星报告实例执行结果错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52509' -d 'System network I/O error (系统网络 IO 错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52509' -d 'System network I/O error (系统网络 IO 错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52510' -d 'vcmmsg serialisation error (执行 vcmmsg 序列化错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52510' -d 'vcmmsg serialisation error (执行 vcmmsg 序列化错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52511' -d 'Error accessing COS (访问COS错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52511' -d 'Error accessing COS (访问COS错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52512' -d 'Error opening the stream converter (打开流转化器错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52512' -d 'Error opening the stream converter (打开流转化器错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52513' -d 'Error requesting temporary credentials from STS (向 STS 请求临时密钥错误)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52513' -d 'Error requesting temporary credentials from STS (向 STS 请求临时密钥错误)'
complete -c errcode -n "__fish_errcode_using_subcommand lookup" -f -a '52514' -d 'The STS temporary credentials for COS access have expired (访问 COS 的 STS 临时密钥已过期)'
complete -c errcode -n "__fish_errcode_using_subcommand list" -f -a '52514' -d 'The STS temporary credentials for COS access have expired (访问 COS 的 STS 临时密钥已过期)'
