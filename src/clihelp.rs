//! `--help` in the interface language. clap writes its help from the texts the argument
//! definitions carry (English, in `cli.rs`); for the Vietnamese interface the same command tree
//! gets Vietnamese texts, headings and usage line before it parses. clap has no message
//! catalogue of its own, so its error messages ("unexpected argument…") stay in English.
//!
//! Texts are looked up by the command's path (`tuinews list`) and the argument's id
//! (`tuinews list --person`); a test checks that every command and argument has one, so a new
//! flag cannot appear in English only.

use clap::{Arg, Command};

use crate::words::Lang;

/// The command tree with its help in `lang`.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Vi => {
            // Built first, so the flags and subcommands clap adds (help, version) exist and
            // take their Vietnamese texts like the others.
            cmd.build();
            vietnamese(cmd, "")
        }
    }
}

const TEMPLATE_VI: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
const OPTIONS_VI: &str = "Tùy chọn";
const ARGUMENTS_VI: &str = "Đối số";

fn vietnamese(cmd: Command, parent: &str) -> Command {
    let path = if parent.is_empty() {
        cmd.get_name().to_owned()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    let mut cmd = cmd
        .help_template(TEMPLATE_VI)
        .subcommand_help_heading("Lệnh")
        .mut_args(|arg| {
            let key = format!("{path} {}", arg_key(&arg));
            let heading = if arg.is_positional() {
                ARGUMENTS_VI
            } else {
                OPTIONS_VI
            };
            let arg = arg.help_heading(heading);
            match vi_text(&key) {
                // The long help is the short one: the Vietnamese texts are written to be read
                // whole in either form.
                Some(text) => arg.help(text).long_help(None::<&str>),
                None => arg,
            }
        });
    if let Some(text) = vi_text(&path) {
        cmd = cmd.about(text).long_about(long_about_vi(&path));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let p = path.clone();
        cmd = cmd.mut_subcommand(name, |sub| vietnamese(sub, &p));
    }
    cmd
}

/// `--person` for a flag, `ID` (the value name) for a positional argument.
fn arg_key(arg: &Arg) -> String {
    match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string),
    }
}

/// The long form of a command's description, where it says more than the short one.
fn long_about_vi(path: &str) -> Option<&'static str> {
    match path {
        "tuinews" => Some(
            "Trình đọc tin tức tiếng Việt trong terminal. Không có lệnh thì mở trình đọc.\n\n\
Kho tin: --store PATH, nếu không thì $TUINEWS_STORE, nếu không thì \
$XDG_DATA_HOME/tuinews/articles.json (~/.local/share/tuinews/articles.json) khi tệp đó có, \
nếu không thì kho mẫu có sẵn.",
        ),
        _ => None,
    }
}

/// The Vietnamese text of a command (by its path) or an argument (path, then flag or value
/// name). Global flags are listed once per command that shows them.
fn vi_text(key: &str) -> Option<&'static str> {
    let (path, arg) = match key.rsplit_once(' ') {
        Some((p, a)) if a.starts_with('-') || a.chars().all(|c| c.is_ascii_uppercase()) => {
            (p, Some(a))
        }
        _ => (key, None),
    };
    let Some(arg) = arg else {
        return command_vi(path);
    };
    // Flags every command has.
    let common = match arg {
        "--help" => Some("In trợ giúp"),
        "--version" => Some("In phiên bản"),
        "--store" => Some("Kho tin JSON cần mở"),
        "--ambiguous-wide" => Some(
            "Tính các ký tự có độ rộng mơ hồ (à á đ è é ê ...) là hai cột, cho terminal vẽ chúng rộng",
        ),
        "--tz" => Some(
            "Múi giờ hiển thị và lọc ngày: tên IANA (Asia/Ho_Chi_Minh), độ lệch (+07:00, UTC), \
hoặc `article` để dùng độ lệch riêng của từng bài. Mặc định: múi giờ của hệ thống",
        ),
        "--config" => Some(
            "Tệp cấu hình cần đọc (mặc định: $XDG_CONFIG_HOME/tuinews/config.toml, hoặc ~/.config/tuinews/config.toml)",
        ),
        "--lang" => Some(
            "Ngôn ngữ giao diện: en (English) hoặc vi (tiếng Việt). Mặc định: vi khi LC_ALL, \
LC_MESSAGES hoặc LANG bắt đầu bằng vi, nếu không thì en",
        ),
        _ => None,
    };
    common.or_else(|| arg_vi(path, arg))
}

fn command_vi(path: &str) -> Option<&'static str> {
    // `help` lists the commands again, under itself (`tuinews help feeds add`, `tuinews
    // feeds help add`): the same texts as the commands themselves.
    if path.ends_with(" help") {
        return Some("In trợ giúp này hoặc trợ giúp của lệnh con");
    }
    if path.contains(" help ") {
        let words: Vec<&str> = path.split(' ').filter(|w| *w != "help").collect();
        return command_vi(&words.join(" "));
    }
    Some(match path {
        "tuinews" => {
            "Trình đọc tin tức tiếng Việt trong terminal: danh sách tin, bài viết và tin liên quan"
        }
        "tuinews list" => "Liệt kê các bài khớp, mới nhất trước, bài không ngày cuối cùng",
        "tuinews persons" => "Mọi nhân vật cùng số bài nhắc đến, nhiều nhất trước",
        "tuinews show" => "In một bài dạng văn bản thuần, ngắt dòng theo độ rộng",
        "tuinews check" => "Nạp và kiểm tra một kho tin; in tệp đã mở, các con số và mọi cảnh báo",
        "tuinews import" => {
            "Nhập nguồn tin, trang HTML và trang văn bản (tệp hoặc URL) vào kho, cập nhật bài đã có; in những gì đã thêm, cập nhật và bỏ qua"
        }
        "tuinews config" => {
            "Tệp cấu hình: in nơi đọc tệp, tệp mặc định đầy đủ, hoặc kiểm tra một tệp"
        }
        "tuinews cache" => {
            "Bộ nhớ đệm của trình đọc cho các kho đã nạp: liệt kê từng kho, kho còn đó hay không và dung lượng tệp, hoặc xóa hết"
        }
        "tuinews feeds" => "Đăng ký nguồn tin: các nguồn mà tuinews update (và phím U) tải về",
        "tuinews feeds add" => "Đăng ký một nguồn tin",
        "tuinews feeds list" => "Liệt kê các nguồn đã đăng ký",
        "tuinews feeds remove" => "Hủy đăng ký: theo URL hoặc theo tên",
        "tuinews update" => {
            "Tải mọi nguồn đã đăng ký (nhiều nguồn cùng lúc, chỉ phần đã đổi) vào kho; in những gì đã thêm, cập nhật và bỏ qua"
        }
        _ => return None,
    })
}

fn arg_vi(path: &str, arg: &str) -> Option<&'static str> {
    Some(match (path, arg) {
        ("tuinews list", "--person") => {
            "Giữ các bài nêu tên nhân vật này (không phân biệt dấu và hoa thường, trọn từ). Lặp lại được: phải khớp tất cả"
        }
        ("tuinews list", "--date") => {
            "Giữ các bài đăng vào những ngày này: YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY, A..B, today, Nd"
        }
        ("tuinews list", "--search") => {
            "Giữ các bài chứa mọi từ (không phân biệt dấu và hoa thường); \"cụm từ trong ngoặc\" đúng như viết"
        }
        ("tuinews list", "--query") => {
            "Mọi bộ lọc trên một dòng, như dòng lọc của trình đọc: person:\"Lương Cường\" date:2026-01 \"biên giới\" asean. Kết hợp với các cờ khác"
        }
        ("tuinews list", "--unread") => "Chỉ các bài chưa đọc trong trình đọc",
        ("tuinews list", "--starred") => "Chỉ các bài đã lưu trong trình đọc",
        ("tuinews list", "--json") | ("tuinews persons", "--json") => "Mỗi dòng một đối tượng JSON",
        ("tuinews list", "--count") => "Chỉ in số bài khớp",
        ("tuinews show", "ID") => "Mã (id) của bài",
        ("tuinews show", "--width") => {
            "Số cột để ngắt dòng (mặc định: độ rộng terminal, hoặc 80 khi không phải terminal)"
        }
        ("tuinews check", "PATH") => "Kho cần kiểm tra (mặc định: kho mà tuinews sẽ mở)",
        ("tuinews import", "SOURCE") => {
            "Tệp hoặc URL http(s): nguồn RSS hay Atom, trang bài HTML, trang văn bản (nhận biết theo nội dung)"
        }
        ("tuinews import", "--into") => {
            "Kho để nhập vào (mặc định: kho mà tuinews sẽ mở; thay cho kho mẫu là kho dữ liệu của người dùng, tạo mới nếu chưa có)"
        }
        ("tuinews import", "--json") => "In báo cáo dưới dạng một đối tượng JSON",
        ("tuinews import", "--year") => {
            "Năm cho những ngày trang viết không kèm năm (\"Sáng 24/11\") khi trang không cho biết (mặc định: năm gần nhất không đặt ngày đó sau hôm nay)"
        }
        ("tuinews import", "--timeout") => "Số giây chờ mỗi URL",
        ("tuinews cache", "--clear") => {
            "Xóa mọi kho và chỉ mục trong bộ nhớ đệm (trình đọc sẽ tạo lại ở lần nạp sau)"
        }
        ("tuinews config", "--default") => "In tệp cấu hình mặc định đầy đủ, mỗi khóa có chú thích",
        ("tuinews config", "--check") => {
            "Kiểm tra tệp cấu hình (hoặc PATH) và in mọi lỗi; trạng thái thoát 1 nếu có lỗi"
        }
        ("tuinews config", "PATH") => "Tệp cần kiểm tra (mặc định: tệp mà tuinews đọc)",
        ("tuinews help", "COMMAND") | ("tuinews feeds help", "COMMAND") => {
            "Lệnh con cần xem trợ giúp"
        }
        ("tuinews feeds add", "URL") => "URL http(s) của nguồn tin",
        ("tuinews feeds add", "--name") => "Tên đặt cho nguồn",
        ("tuinews feeds remove", "FEED") => "URL hoặc tên của nguồn",
        ("tuinews update", "--into") => "Kho cần cập nhật (mặc định: như lệnh import)",
        ("tuinews update", "--json") => "In báo cáo dưới dạng một đối tượng JSON",
        ("tuinews update", "--timeout") => "Số giây chờ mỗi nguồn",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every argument, with the key its Vietnamese text is found by.
    fn keys(cmd: &Command, parent: &str, out: &mut Vec<String>) {
        let path = if parent.is_empty() {
            cmd.get_name().to_owned()
        } else {
            format!("{parent} {}", cmd.get_name())
        };
        out.push(path.clone());
        for arg in cmd.get_arguments() {
            out.push(format!("{path} {}", arg_key(arg)));
        }
        for sub in cmd.get_subcommands() {
            keys(sub, &path, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_vietnamese_text() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut all = Vec::new();
        keys(&cmd, "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|k| vi_text(k).is_none()).collect();
        assert!(missing.is_empty(), "no Vietnamese help for {missing:?}");
        assert!(all.len() > 20, "only {} keys: {all:?}", all.len());
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let cmd = localize(crate::cli::Cli::command(), lang);
        match cmd.try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} printed no help"),
            Err(e) => e.render().to_string(),
        }
    }

    #[test]
    fn vietnamese_help_speaks_vietnamese_and_english_stays_english() {
        let vi = help(Lang::Vi, &["tuinews", "--help"]);
        for text in [
            "Cách dùng:",
            "Lệnh:",
            "Tùy chọn:",
            "In trợ giúp",
            "Kho tin JSON",
        ] {
            assert!(vi.contains(text), "{text:?} missing from\n{vi}");
        }
        assert!(!vi.contains("Usage:") && !vi.contains("Options:"), "{vi}");
        let list = help(Lang::Vi, &["tuinews", "list", "-h"]);
        assert!(list.contains("Giữ các bài nêu tên nhân vật này"), "{list}");
        let show = help(Lang::Vi, &["tuinews", "show", "--help"]);
        assert!(
            show.contains("Đối số:") && show.contains("Mã (id) của bài"),
            "{show}"
        );
        let en = help(Lang::En, &["tuinews", "--help"]);
        assert!(
            en.contains("Usage:") && en.contains("The JSON article store"),
            "{en}"
        );
    }
}
