//! The command line's help in Chinese (`--lang zh`, or a zh locale): every description,
//! argument, value, heading and closing section, put on the command before it is built with
//! clap's own means (`mut_arg`, `mut_subcommand`, headings, the help template). Only the help
//! changes: the arguments, their values and their parsing are the same in both languages.

use clap::builder::PossibleValue;
use clap::{Arg, Command};

/// The exit statuses, as [`crate::exit_status_help`] says them in English.
macro_rules! exit_status_help_zh {
    () => {
        "退出状态：
  0  找到（explain：每个信封都是成功，或未用 --check）
  1  什么也没找到（explain --check：有错误信封）
  2  用法或输入错误"
    };
}

/// The descriptions of the commands: (subcommand, or "" for errcode itself; description).
const ABOUTS: &[(&str, &str)] = &[
    (
        "",
        "解释智能视图计算平台 API（旧版 API 与 API 3.0）的错误码和响应信封",
    ),
    ("lookup", "查看错误码的含义：`41601`、`416xx`、`'416*'`"),
    ("list", "按错误码顺序列出码表，可筛选"),
    ("search", "查找描述中包含每个搜索词的错误码（中文或英文）"),
    (
        "explain",
        "解释响应信封：JSON、NDJSON、`curl -i`/`-v` 输出或日志行，纯文本或压缩文件",
    ),
    ("completions", "输出知道各错误码的 shell 补全脚本"),
    ("man", "输出手册页（roff）"),
    (
        "export",
        "把两代 API 的错误码知识写到标准输出，供日志引擎关联查询（csv、tsv、ndjson、bulk、sql）",
    ),
];

/// The help of each argument: (subcommand, or "" for errcode's own and the global ones;
/// argument id; help). A default or the values of a choice, which clap would write in English,
/// are written here.
const ARGS: &[(&str, &str, &str)] = &[
    ("", "codes", "要查询的错误码或模式：`errcode 41601` 即 `errcode lookup 41601`"),
    (
        "",
        "format",
        "输出格式［默认：终端上为 table，管道中为 plain；explain 为 human］",
    ),
    ("", "color", "何时着色［默认：auto］"),
    (
        "",
        "lang",
        "含义和提示的语言［默认：取自 LC_ALL、LC_MESSAGES、LANG］",
    ),
    (
        "",
        "tables",
        "合并到内置码表之上的 JSON 码表（可重复；也可用 ERRCODE_TABLE=a.json:b.json）",
    ),
    (
        "lookup",
        "codes",
        "错误码或模式（416xx：每个 x 为一位数字；'416*'，需加引号：任意位数字）",
    ),
    ("list", "pattern", "只列出与此错误码或模式匹配的错误码（416xx、'425*'）"),
    ("list", "http", "只列出 API 以此 HTTP 状态码应答的行"),
    ("list", "category", "只列出此类别的行（auth、device、internal…，或中文标签：鉴权、设备…）"),
    ("list", "retry", "只列出此重试类别的行（也可写中文标签：不可重试、修复后重试、退避重试）"),
    ("list", "show_source", "显示每行的来源（内置或某个 --table 文件）"),
    ("list", "api", "只列出此 API 版本的错误码［默认：两者］"),
    (
        "list",
        "action",
        "只列出 SDK 为此接口记录的 API 3.0 错误码（如 AddOrganization）",
    ),
    ("list", "twins", "旧版错误码与其 API 3.0 对应码并排列出，附依据"),
    (
        "list",
        "see_also",
        "相关而不等同的旧版与 API 3.0 错误码并排列出，附依据",
    ),
    (
        "search",
        "terms",
        "搜索词；ASCII 字母不分大小写、从词首匹配；同义词也算（限流、throttle）；单独一个 HTTP 状态码（403）列出其各行",
    ),
    (
        "explain",
        "files",
        "要读取的文件，- 表示标准输入［默认：标准输入不是终端时读标准输入］",
    ),
    ("explain", "summary", "按 StatusCode 统计信封个数，不逐个解释"),
    ("explain", "check", "有任何错误信封时以状态 1 退出（供脚本使用）"),
    ("explain", "quiet", "与 --check 合用：什么都不输出，只由退出状态说明"),
    ("explain", "errors", "只看错误信封：输出、统计和检查都只含错误"),
    (
        "explain",
        "status",
        "只看错误码匹配的信封（41601、416xx、'AuthFailure.*'；可重复）",
    ),
    (
        "explain",
        "category",
        "只看错误码属于此类别的信封（auth、device、internal…，或中文标签：鉴权、设备…）：输出、统计和检查",
    ),
    (
        "explain",
        "retry",
        "只看错误码属于此重试类别的信封（也可写中文标签：不可重试、修复后重试、退避重试）：输出、统计和检查",
    ),
    ("explain", "verbose", "人读布局，并列出每个字段及源文档对它的说明"),
    (
        "explain",
        "live",
        "全屏视图，随输入增长实时更新每个错误码的计数（文件像 tail -F 一样跟随）；按 q 退出并输出汇总。不在终端上时即 --summary",
    ),
    (
        "explain",
        "paging",
        "何时把终端上的人读输出交给分页器（PAGER，默认 less -FRX）［默认：auto］",
    ),
    (
        "explain",
        "group",
        "与 --summary 合用：按类别或重试类别统计，而不按错误码",
    ),
    (
        "explain",
        "diff",
        "比较两份输入（文件、.gz 或 -）：每个错误码之前、之后的个数及变化；与 --check 合用时，AFTER 出现新的错误码则以状态 1 退出（同一错误码的错误与成功分开比较）",
    ),
    (
        "explain",
        "top",
        "与 --summary 或 --diff 合用：最多 N 行，大的在前（与 --by 合用：最大的 N 个错误码，各含全部时间段）",
    ),
    (
        "explain",
        "by",
        "与 --summary 合用：同时按时间段统计（30s、5m、1h、1d），并画成图",
    ),
    (
        "explain",
        "since",
        "只看在 TIME 及之后记录的信封：1h（从现在往前）、2026-12-06、2026-12-06 10:00、日志行中的时间（见下文“时间”）",
    ),
    (
        "explain",
        "until",
        "只看在 TIME 之前记录的信封（写法同 --since；只写日期时到当天结束）",
    ),
    ("completions", "shell", "shell 的种类"),
    (
        "export",
        "dialect",
        "--format sql 的 SQL 方言（单独使用即表示 --format sql）［默认：sqlite］",
    ),
];

/// The values of each choice: (argument id, value, help).
const VALUES: &[(&str, &str, &str)] = &[
    (
        "format",
        "table",
        "适应终端宽度的表格（终端上的默认；explain：信封的表格）",
    ),
    (
        "format",
        "plain",
        "每行一条，以制表符分隔（管道中的默认；explain：每个信封一行）",
    ),
    ("format", "json", "JSON（数组；explain：每行一个对象）"),
    (
        "format",
        "human",
        "explain 给人读的布局（explain 的默认；仅 explain）",
    ),
    (
        "format",
        "github",
        "GitHub Actions 工作流命令：每个错误信封一条注解，--summary 时每个错误码一条（仅 explain）",
    ),
    (
        "format",
        "markdown",
        "Markdown 表格，可贴进文档（仅 explain）",
    ),
    ("format", "csv", "逗号分隔值，带表头行（仅 export；其默认）"),
    (
        "format",
        "tsv",
        "制表符分隔值，带表头行，转义同 plain 输出（仅 export）",
    ),
    ("format", "ndjson", "每行一个 JSON 对象（仅 export）"),
    (
        "format",
        "bulk",
        "Elasticsearch 的 bulk 请求体（仅 export）",
    ),
    ("format", "sql", "用于 --dialect 的 SQL 脚本（仅 export）"),
    (
        "dialect",
        "sqlite",
        "SQLite：sqlite3 命令行或任何 SQLite 库",
    ),
    ("dialect", "duckdb", "DuckDB 数据库"),
    (
        "dialect",
        "clickhouse",
        "ClickHouse：表，以及建在其上、供 dictGet 使用的字典 errcode",
    ),
    (
        "color",
        "auto",
        "stdout 是终端且 NO_COLOR 未设置或为空时着色（或 CLICOLOR_FORCE 要求时）",
    ),
    ("color", "always", "总是着色（JSON 除外）"),
    ("color", "never", "从不着色"),
    ("lang", "zh", "中文：码表原文"),
    ("lang", "en", "英文，附中文原文"),
    ("retry", "never", "请求本身有误：修正它；原样重发不会成功"),
    (
        "retry",
        "after-fix",
        "修复原因（令牌、设备、设置）后，同样的调用可以成功",
    ),
    ("retry", "backoff", "服务端暂时性故障：以指数退避加抖动重试"),
    ("api", "legacy", "旧版 API（数字错误码）"),
    (
        "api",
        "v3",
        "腾讯云 API 3.0（如 `AuthFailure.SignatureExpire` 的错误码）",
    ),
    (
        "paging",
        "auto",
        "交给分页器，输出一屏放得下时分页器自行退出（less -F）",
    ),
    ("paging", "always", "交给分页器，无论输出多短"),
    ("paging", "never", "从不"),
    (
        "group",
        "category",
        "码表中该错误码的类别（auth、device、internal…）",
    ),
    (
        "group",
        "retry",
        "该错误码的重试类别（backoff、after-fix、never）",
    ),
];

/// `errcode --help`'s closing section.
const AFTER_HELP: &str = concat!(
    "示例：
  errcode 41601                    41601 的含义（同 `errcode lookup 41601`）
  errcode lookup 416xx             所有 416xx 错误码
  errcode list --http 456          基础设施故障
  errcode search token             描述中提到 token 的错误码
  errcode AuthFailure.SignatureExpire   一个 API 3.0 错误码（'AuthFailure.*'：整个家族）
  errcode list --twins             旧版错误码与其 API 3.0 对应码并排
  curl -si URL | errcode explain   解释一个响应
  errcode explain --summary app.log

",
    exit_status_help_zh!(),
    "

环境变量：NO_COLOR、CLICOLOR_FORCE、TERM、COLUMNS、LC_ALL、LC_MESSAGES、LANG、ERRCODE_TABLE、PAGER"
);

/// `errcode explain --help`'s closing section.
const EXPLAIN_AFTER_HELP: &str = concat!(
    "格式：
  human   每个信封至多三行：结论、错误码、含义、HTTP 状态码、RequestId、文件:行；
          错误时加提示和 Data；再加备注（-v 加每个字段的说明）
  plain   每个信封一行，以制表符分隔：文件（标准输入为 -）、行、结论、错误码、
          HTTP 状态码（见到的，否则为码表的）、Code、RequestId、含义；
          值中的反斜杠写作 \\\\，制表符和换行写作 \\t、\\n 或 \\r，缺少的值写作 -；
          值只保留前 200 个字符并加 …（值可能长达数兆字节）
  table   信封的表格，边读边写
  json    每行一个对象：读到的信封及其注解

分页：终端上的人读输出交给 $PAGER（为空或恰为 cat：不分页；默认 less -FRX，
但 TERM 为 dumb 或未设置时不分页），管道中和 explain 读标准输入时从不分页。

时间（--since、--until；未写时区的按本地时区 TZ 读取）：
  1h、90m、2d、1h30m   从现在往前这么久（也可写 -1h）
  2026-12-06           一天：--since 从当天开始，--until 到当天结束（含当天）
  2026-12-06 10:00     日期和时刻，秒可写可不写，中间用 T 或空格
  2026/12/06 10:00:01、2026-12-06T10:00:01.123+08:00、2026-12-06 10:00:01 +0800 CST
                       日志行中写法的时间：可带小数秒和时区，与读取日志行时相同
  1796551201           纪元秒数（或毫秒、微秒、纳秒，按位数区分）

",
    exit_status_help_zh!()
);

/// `errcode export --help`'s closing section.
const EXPORT_AFTER_HELP: &str = concat!(
    "格式（--format）：
  csv      默认：一行表头，然后每个错误码一行，需要时加引号
  tsv      制表符分隔，从不加引号：反斜杠写作 \\\\，制表符和换行写作 \\t、\\n 或 \\r，
           同 explain 的 plain 输出
  ndjson   每行一个 JSON 对象；twins 和 see_also 为数组
  bulk     Elasticsearch 的 bulk 请求体：每个对象前一个 index 动作（_id：错误码）
  sql      建表 errcode_codes 并填入数据的脚本（--dialect：sqlite、duckdb 或
           clickhouse，后者另建字典 errcode）；加载两次仍是每个错误码一行

列：api、code、http_status、message、message_en、category、retry、hint（--lang 的语言）、
twins、see_also、source。每个错误码一行：列出两次的错误码（51603，或既是产品错误码又是
公共错误码的 API 3.0 错误码）给出两种含义，类别和重试类别以 | 连接（gateway|internal），
关联时一个信封绝不会被计两次。各引擎中得出 explain --summary 结果的查询：docs/fleet.md。

",
    exit_status_help_zh!()
);

/// The help of errcode and of each subcommand in Chinese.
pub fn translate(mut command: Command) -> Command {
    for (sub, about) in ABOUTS {
        command = in_subcommand(command, sub, |c| c.about(*about));
    }
    for (sub, id, help) in ARGS {
        command = in_subcommand(command, sub, |c| c.mut_arg(*id, |arg| arg_zh(arg, help)));
    }
    command = command
        .after_help(AFTER_HELP)
        .mut_subcommand("explain", |c| c.after_help(EXPLAIN_AFTER_HELP))
        .mut_subcommand("export", |c| c.after_help(EXPORT_AFTER_HELP));
    for sub in ["lookup", "list", "search"] {
        command = command.mut_subcommand(sub, |c| c.after_help(exit_status_help_zh!()));
    }
    // The help and version flags and the help subcommand exist once the command is built.
    command.build();
    headings(command)
}

/// `change` applied to errcode itself (`sub` empty) or to its subcommand `sub`.
fn in_subcommand(command: Command, sub: &str, change: impl FnOnce(Command) -> Command) -> Command {
    match sub {
        "" => change(command),
        sub => command.mut_subcommand(sub, change),
    }
}

/// `arg` with its help in Chinese; the values of a choice listed in Chinese in its help, in
/// place of clap's English list.
fn arg_zh(arg: Arg, help: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let takes_values = arg.get_action().takes_values();
    let values: Vec<PossibleValue> = match takes_values {
        true => arg.get_possible_values(),
        false => Vec::new(),
    };
    let mut text = help.to_string();
    if VALUES.iter().any(|(a, _, _)| *a == id) {
        text.push_str("\n可选值：");
        for value in &values {
            let name = value.get_name();
            let zh = VALUES
                .iter()
                .find(|(a, v, _)| *a == id && *v == name)
                .map_or("", |(_, _, zh)| zh);
            // A no-break space: clap wraps at spaces, and would leave the dash alone on a line
            // before a long run of Chinese, which has none.
            text.push_str(&format!("\n-\u{a0}{name}：{zh}"));
        }
    }
    match takes_values {
        true => arg
            .help(text)
            .hide_possible_values(true)
            .hide_default_value(true),
        false => arg.help(text),
    }
}

/// The headings, the usage line and the built-in help, version and help subcommand of a built
/// `command` and of its subcommands in Chinese.
fn headings(command: Command) -> Command {
    command
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .mut_args(|arg| match arg.get_id().as_str() {
            "help" => arg
                .help("显示帮助（-h 显示摘要）")
                .long_help(None::<&str>)
                .help_heading("选项"),
            "version" => arg.help("显示版本").help_heading("选项"),
            _ if arg.is_positional() => arg.help_heading("参数"),
            _ => arg.help_heading("选项"),
        })
        .mut_subcommands(|sub| match sub.get_name() {
            "help" => headings(sub.about("显示本帮助或给定子命令的帮助")),
            _ => headings(sub),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` holds a Chinese character.
    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every command, argument and value of the command line has its Chinese help: an
    /// argument added without one fails here.
    #[test]
    fn every_command_argument_and_value_is_told_in_chinese() {
        fn check(command: &Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", command.get_name());
            if !command
                .get_about()
                .is_some_and(|a| is_chinese(&a.to_string()))
            {
                missing.push(format!("{path}: about"));
            }
            for arg in command.get_arguments() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !is_chinese(&help) {
                    missing.push(format!("{path} {}: help", arg.get_id()));
                }
                if arg.get_long_help().is_some() {
                    missing.push(format!("{path} {}: an English long help", arg.get_id()));
                }
                let values = match arg.get_action().takes_values() {
                    true => arg.get_possible_values(),
                    false => Vec::new(),
                };
                for value in values.iter().filter(|v| v.get_help().is_some()) {
                    let said = format!("\u{a0}{}：", value.get_name());
                    // Its line says more than its name.
                    let told = help
                        .lines()
                        .any(|l| l.contains(&said) && !l.ends_with(&said));
                    if !told {
                        missing.push(format!(
                            "{path} {}: value {}",
                            arg.get_id(),
                            value.get_name()
                        ));
                    }
                }
            }
            for sub in command.get_subcommands() {
                check(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        check(
            &crate::cli::command(crate::lang::Lang::Zh),
            "",
            &mut missing,
        );
        assert!(missing.is_empty(), "no Chinese help: {missing:#?}");
    }

    #[test]
    fn every_translation_names_a_real_argument_and_value() {
        let command = <crate::cli::Cli as clap::CommandFactory>::command();
        for (arg, value, _) in VALUES {
            let found = std::iter::once(&command)
                .chain(command.get_subcommands())
                .flat_map(|c| c.get_arguments())
                .filter(|a| a.get_id() == arg)
                .any(|a| {
                    a.get_possible_values()
                        .iter()
                        .any(|v| v.get_name() == *value)
                });
            assert!(found, "{arg} {value}");
        }
    }
}
