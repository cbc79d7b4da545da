//! Every word the reader shows, in one place and in each interface language, so the views
//! never hold text of their own.
//!
//! [`Words`] is one language's texts: fixed texts are fields, texts with numbers or names in
//! them are methods, so each translation puts the number where its grammar wants it. [`EN`] and
//! [`VI`] are the two languages; a struct literal for each makes the compiler refuse a text
//! missing from either. Marks (`▣`, `→`, `≈`, `~`, `*`, `-`) belong to no language and stay constants.
//! Nothing here knows about styles (those are the views' `Theme`).

use std::fmt;
use std::str::FromStr;

use crate::action::Action;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// The language's texts.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }

    /// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
    /// is set and not empty decides, as POSIX orders them; Vietnamese when it starts with `vi`
    /// (`vi_VN.UTF-8`, `vi`), English otherwise.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|k| var(k).filter(|v| !v.is_empty()))
            .next()
            .map_or(Lang::En, |v| {
                if v.starts_with("vi") {
                    Lang::Vi
                } else {
                    Lang::En
                }
            })
    }

    /// The code `--lang` and the config file take.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is neither `en` nor `vi`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown interface language {0:?}: use en (English) or vi (tiếng Việt)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// `en` or `vi`, in any case, also as a locale (`vi_VN.UTF-8`, `en-US`).
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let code = s
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match code.as_str() {
            "en" => Ok(Lang::En),
            "vi" => Ok(Lang::Vi),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// Marks in the lists and the article, the same in every language.
pub const CAPTION_MARK: &str = "▣ ";
pub const LINKED_MARK: &str = "→";
pub const SHARED_MARK: &str = "≈";
pub const SIMILAR_MARK: &str = "~";
pub const STAR_MARK: &str = "*";
/// The date of an article the store gives no date for.
pub const UNDATED: &str = "-";
/// The command that lists load warnings, before a path is known.
pub const CHECK_COMMAND: &str = "tuinews check";

/// What the status line's key hints say each key does.
#[derive(Debug)]
pub struct Hints {
    pub moves: &'static str,
    pub scroll: &'static str,
    pub read: &'static str,
    pub open: &'static str,
    pub back: &'static str,
    pub pane: &'static str,
    pub page: &'static str,
    pub help: &'static str,
    pub quit: &'static str,
    pub next_prev: &'static str,
    pub apply: &'static str,
    pub cancel: &'static str,
}

/// One language's texts. See the module's note.
#[derive(Debug)]
pub struct Words {
    pub lang: Lang,
    /// The store's name in the status line when it is the sample built into tuinews.
    pub embedded_sample: &'static str,
    pub headlines_title: &'static str,
    pub article_title: &'static str,
    pub related_title: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub persons_label: &'static str,
    pub related_label: &'static str,
    pub no_body: &'static str,
    /// The status line while a filter is applied in the background.
    pub searching: &'static str,
    /// The article pane's note when a body kept in the store's file could not be read again.
    pub body_unreadable: &'static str,
    pub tags_label: &'static str,
    pub no_article: &'static str,
    pub no_related: &'static str,
    pub empty_store: &'static str,
    pub loading_list: &'static str,
    pub too_small: &'static str,
    pub too_small_short: &'static str,
    /// The article pane's position note when the whole article fits.
    pub position_all: &'static str,
    /// The words of the status line's key hints (the keys come from the key table in force).
    pub hints: Hints,
    /// Prompt labels, shown before what is typed.
    pub prompt_search: &'static str,
    pub prompt_date: &'static str,
    pub prompt_query: &'static str,
    pub no_matches_here: &'static str,
    pub no_unread_below: &'static str,
    pub no_unread_above: &'static str,
    pub last_match: &'static str,
    pub first_match: &'static str,
    pub last_article: &'static str,
    pub first_article: &'static str,
    pub filters_cleared: &'static str,
    pub filter_removed: &'static str,
    pub nothing_back: &'static str,
    pub no_link: &'static str,
    pub reloading: &'static str,
    pub updating: &'static str,
    pub update_busy: &'static str,
    pub update_embedded: &'static str,
    pub store_changed: &'static str,
    pub embedded_no_reload: &'static str,
    pub per_month: &'static str,
    /// The date prompt's quick choices, under its histogram.
    pub date_choices: &'static str,
    pub picker_title: &'static str,
    pub picker_all: &'static str,
    pub picker_result: &'static str,
    pub picker_hints: &'static str,
    pub picker_none: &'static str,
    /// The help overlay's last row: what the mouse does.
    pub mouse_keys: &'static str,
    pub mouse_help: &'static str,
    /// What the marks of the lists mean, for the help overlay.
    pub marks_help: &'static [(&'static str, &'static str)],
    /// The weekdays, Monday first.
    pub weekdays: [&'static str; 7],
}

pub static EN: Words = Words {
    lang: Lang::En,
    embedded_sample: "embedded sample",
    headlines_title: "Headlines",
    article_title: "Article",
    related_title: "Related",
    help_title: "Keys",
    help_footer: "Esc, ? or q closes",
    persons_label: "Persons: ",
    related_label: "Related:",
    no_body: "Only the headline and the lead of this story are in the store.",
    searching: "searching…",
    body_unreadable: "The body of this story could not be read: the store's file changed since \
                      it was loaded. It is read again once the store reloads.",
    tags_label: "Tags: ",
    no_article: "(no article selected)",
    no_related: "(no related stories)",
    empty_store: "(the store has no articles)",
    loading_list: "(loading…)",
    too_small: "terminal too small for tuinews",
    too_small_short: "too small",
    position_all: "all",
    hints: Hints {
        moves: "move",
        scroll: "scroll",
        read: "read",
        open: "open",
        back: "back",
        pane: "pane",
        page: "page",
        help: "help",
        quit: "quit",
        next_prev: "next/prev",
        apply: "apply",
        cancel: "cancel",
    },
    prompt_search: "search: ",
    prompt_date: "date: ",
    prompt_query: "filter: ",
    no_matches_here: "no search matches in this article",
    no_unread_below: "no unread article below",
    no_unread_above: "no unread article above",
    last_match: "no more matches below",
    first_match: "no more matches above",
    last_article: "the last article of the list",
    first_article: "the first article of the list",
    filters_cleared: "Filters cleared",
    filter_removed: "last filter removed; Esc again clears all",
    nothing_back: "Nothing to go back to",
    no_link: "this article has no web link",
    reloading: "reloading the store…",
    updating: "updating the feeds…",
    update_busy: "an update is already running",
    update_embedded: "the embedded sample takes no feeds: open your own store (--store PATH) or run tuinews update",
    store_changed: "the store changed on disk; reloading…",
    embedded_no_reload: "the embedded sample cannot change; nothing to reload",
    per_month: "Articles per month",
    date_choices: "Alt-T today · Alt-W 7 days · Alt-M this month · Alt-Y this year",
    picker_title: "Person",
    picker_all: "everyone",
    picker_result: "in the articles shown",
    picker_hints: "Enter add · Tab scope · Esc cancel",
    picker_none: "(nobody matches)",
    mouse_keys: "mouse",
    mouse_help: "click selects or focuses; wheel scrolls the pane under it",
    marks_help: &[
        ("→", "related: a story the article links to"),
        (
            "≈",
            "related: a story naming the same person (the name follows)",
        ),
        (
            "~",
            "related: a story whose words are most like the article's",
        ),
        ("-", "a story the store gives no date for"),
    ],
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
};

/// The Vietnamese interface: the words Vietnamese news sites and readers use ("Tin", "Bài
/// viết", "Tin liên quan", "Nhân vật", "Chưa đọc", "Đã lưu").
pub static VI: Words = Words {
    lang: Lang::Vi,
    embedded_sample: "kho mẫu có sẵn",
    headlines_title: "Tin",
    article_title: "Bài viết",
    related_title: "Tin liên quan",
    help_title: "Phím",
    help_footer: "Esc, ? hoặc q để đóng",
    persons_label: "Nhân vật: ",
    related_label: "Tin liên quan:",
    no_body: "Kho chỉ có tiêu đề và phần mở đầu của bài này.",
    searching: "đang tìm…",
    body_unreadable: "Không đọc được nội dung bài này: tệp kho đã thay đổi sau khi nạp. Nội \
                      dung sẽ được đọc lại khi kho nạp lại.",
    tags_label: "Thẻ: ",
    no_article: "(chưa chọn bài nào)",
    no_related: "(không có tin liên quan)",
    empty_store: "(kho chưa có bài nào)",
    loading_list: "(đang tải…)",
    too_small: "cửa sổ quá nhỏ cho tuinews",
    too_small_short: "quá nhỏ",
    position_all: "cả bài",
    hints: Hints {
        moves: "di chuyển",
        scroll: "cuộn",
        read: "đọc",
        open: "mở",
        back: "quay lại",
        pane: "khung",
        page: "trang",
        help: "trợ giúp",
        quit: "thoát",
        next_prev: "bài sau/trước",
        apply: "áp dụng",
        cancel: "hủy",
    },
    prompt_search: "tìm kiếm: ",
    prompt_date: "ngày: ",
    prompt_query: "lọc: ",
    no_matches_here: "bài này không có chỗ nào khớp",
    no_unread_below: "không còn bài chưa đọc nào phía dưới",
    no_unread_above: "không còn bài chưa đọc nào phía trên",
    last_match: "không còn chỗ khớp nào phía dưới",
    first_match: "không còn chỗ khớp nào phía trên",
    last_article: "bài cuối cùng của danh sách",
    first_article: "bài đầu tiên của danh sách",
    filters_cleared: "Đã bỏ mọi bộ lọc",
    filter_removed: "đã bỏ bộ lọc cuối; Esc lần nữa bỏ tất cả",
    nothing_back: "Không có bài nào để quay lại",
    no_link: "bài này không có liên kết web",
    reloading: "đang tải lại kho…",
    updating: "đang cập nhật các nguồn tin…",
    update_busy: "đang cập nhật rồi",
    update_embedded: "kho mẫu có sẵn không nhận nguồn tin: mở kho của bạn (--store PATH) hoặc chạy tuinews update",
    store_changed: "kho trên đĩa đã thay đổi; đang tải lại…",
    embedded_no_reload: "kho mẫu có sẵn không thay đổi; không có gì để tải lại",
    per_month: "Số bài mỗi tháng",
    date_choices: "Alt-T hôm nay · Alt-W 7 ngày · Alt-M tháng này · Alt-Y năm nay",
    picker_title: "Nhân vật",
    picker_all: "tất cả",
    picker_result: "trong các bài đang hiện",
    picker_hints: "Enter thêm · Tab phạm vi · Esc hủy",
    picker_none: "(không ai khớp)",
    mouse_keys: "chuột",
    mouse_help: "nhấp để chọn hoặc chuyển khung; con lăn cuộn khung dưới chuột",
    marks_help: &[
        ("→", "tin liên quan: bài mà bài này dẫn tới"),
        ("≈", "tin liên quan: bài nêu cùng nhân vật (tên theo sau)"),
        ("~", "tin liên quan: bài có nội dung gần nhất với bài này"),
        ("-", "bài không có ngày trong kho"),
    ],
    weekdays: [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ nhật",
    ],
};

impl Words {
    /// The headline list when the filters leave nothing.
    pub fn no_match(&self, filters: &str) -> String {
        match self.lang {
            Lang::En => {
                format!("no articles match {filters} · Esc removes the last filter, Esc Esc all")
            }
            Lang::Vi => {
                format!("không có bài nào khớp {filters} · Esc bỏ bộ lọc cuối, Esc Esc bỏ tất cả")
            }
        }
    }

    /// Undated articles a date filter leaves out.
    pub fn undated_hidden(&self, n: usize) -> String {
        match self.lang {
            Lang::En => format!("{n} undated hidden"),
            Lang::Vi => format!("ẩn {n} bài không ngày"),
        }
    }

    /// Which search match the article shows.
    pub fn match_position(&self, n: usize, of: usize) -> String {
        match self.lang {
            Lang::En => format!("match {n}/{of}"),
            Lang::Vi => format!("chỗ khớp {n}/{of}"),
        }
    }

    /// A key that does nothing where it was pressed.
    pub fn unbound(&self, key: &str) -> String {
        match self.lang {
            Lang::En => format!("{key}: no action here; ? for help"),
            Lang::Vi => format!("{key}: không có tác dụng ở đây; ? để xem trợ giúp"),
        }
    }

    /// Unread articles, for the status line.
    pub fn unread(&self, n: usize) -> String {
        match self.lang {
            Lang::En => format!("{n} unread"),
            Lang::Vi => format!("{n} chưa đọc"),
        }
    }

    /// The status line while a store loads: how much has been read. Vietnamese writes the
    /// decimal comma.
    pub fn loading(&self, bytes: u64, articles: usize) -> String {
        let (word, of) = match self.lang {
            Lang::En => ("loading…", "articles of"),
            Lang::Vi => ("đang tải…", "bài /"),
        };
        let mb = || {
            let mb = format!("{:.1}", bytes as f64 / 1e6);
            match self.lang {
                Lang::En => mb,
                Lang::Vi => mb.replace('.', ","),
            }
        };
        match (bytes, articles) {
            (0, 0) => word.to_owned(),
            (_, 0) => format!("{word} {} MB", mb()),
            (0, n) => format!("{word} {} {}", thousands(n), self.articles_word(n)),
            (_, n) => format!("{word} {} {of} {} MB", thousands(n), mb()),
        }
    }

    fn articles_word(&self, n: usize) -> &'static str {
        match (self.lang, n) {
            (Lang::En, 1) => "article",
            (Lang::En, _) => "articles",
            (Lang::Vi, _) => "bài",
        }
    }

    /// The weekday as a reader expects it beside a date ("Thứ Tư, 24/11/2021").
    pub fn weekday(&self, day: jiff::civil::Weekday) -> &'static str {
        let monday_first = usize::try_from(day.to_monday_zero_offset()).unwrap_or(0);
        self.weekdays[monday_first % 7]
    }

    /// After an article's own time, the zone it is shown in.
    pub fn shown_in(&self, zone: &str) -> String {
        match self.lang {
            Lang::En => format!("shown in {zone}"),
            Lang::Vi => format!("giờ {zone}"),
        }
    }

    /// What a feed update did.
    pub fn updated(&self, o: &crate::feeds::Outcome) -> String {
        if let Some(e) = &o.store_error {
            return match self.lang {
                Lang::En => format!("update failed: {e}"),
                Lang::Vi => format!("cập nhật không được: {e}"),
            };
        }
        let mut out = match self.lang {
            Lang::En => format!(
                "updated {} {}: {} new, {} changed",
                o.feeds,
                if o.feeds == 1 { "feed" } else { "feeds" },
                o.added,
                o.changed
            ),
            Lang::Vi => format!(
                "đã cập nhật {} nguồn: {} bài mới, {} bài sửa",
                o.feeds, o.added, o.changed
            ),
        };
        if o.unchanged > 0 {
            out.push_str(&match self.lang {
                Lang::En => format!(", {} unchanged", o.unchanged),
                Lang::Vi => format!(", {} nguồn không đổi", o.unchanged),
            });
        }
        if o.failed > 0 {
            out.push_str(&match self.lang {
                Lang::En => format!(", {} failed (tuinews update says why)", o.failed),
                Lang::Vi => format!(", {} nguồn lỗi (tuinews update cho biết lý do)", o.failed),
            });
        }
        out
    }

    /// The status line after a reload.
    pub fn reloaded(&self, articles: usize) -> String {
        match self.lang {
            Lang::En => format!("reloaded: {articles} articles"),
            Lang::Vi => format!("đã tải lại: {articles} bài"),
        }
    }

    /// A reload that failed: the old articles stay.
    pub fn reload_failed(&self, error: &str) -> String {
        match self.lang {
            Lang::En => format!("reload failed, keeping what was loaded: {error}"),
            Lang::Vi => format!("tải lại không được, giữ nguyên những gì đã tải: {error}"),
        }
    }

    /// The warnings count in the status line.
    pub fn warnings(&self, n: usize, check_command: &str) -> String {
        match self.lang {
            Lang::En => {
                let s = if n == 1 { "" } else { "s" };
                format!("{n} warning{s}: {check_command}")
            }
            Lang::Vi => format!("{n} cảnh báo: {check_command}"),
        }
    }

    /// How many articles a filter shows.
    pub fn articles(&self, n: usize) -> String {
        format!("{n} {}", self.articles_word(n))
    }

    /// The histogram's title when it shows the days of one month (`mm/yyyy`).
    pub fn per_day(&self, month: &str) -> String {
        match self.lang {
            Lang::En => format!("Articles per day, {month}"),
            Lang::Vi => format!("Số bài mỗi ngày, tháng {month}"),
        }
    }

    pub fn copied(&self, text: &str) -> String {
        match self.lang {
            Lang::En => format!("copied: {text}"),
            Lang::Vi => format!("đã chép: {text}"),
        }
    }

    pub fn opening(&self, url: &str) -> String {
        match self.lang {
            Lang::En => format!("opening {url}"),
            Lang::Vi => format!("đang mở {url}"),
        }
    }

    /// What the help overlay says an action does.
    pub fn action_help(&self, action: Action) -> &'static str {
        match self.lang {
            Lang::En => action_help_en(action),
            Lang::Vi => action_help_vi(action),
        }
    }
}

/// The article pane's position note: first and last line shown, of how many.
pub fn position(first: usize, last: usize, total: usize) -> String {
    format!("{first}-{last}/{total} {}%", last * 100 / total.max(1))
}

/// The help overlay's position note: which lines of how many.
pub fn help_position(first: usize, last: usize, total: usize) -> String {
    format!("{first}-{last}/{total}")
}

/// `40 000`: groups of three digits, as Vietnamese and international usage both read.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn action_help_en(action: Action) -> &'static str {
    match action {
        Action::Down => "move down / scroll down",
        Action::Up => "move up / scroll up",
        Action::PageDown => "page down",
        Action::PageUp => "page up",
        Action::Top => "first row / top of the article",
        Action::Bottom => "last row / end of the article",
        Action::FocusNext => "next pane: headlines, article, related",
        Action::FocusPrev => "previous pane",
        Action::Open => "headlines: read the article; related: open the story",
        Action::Back => "back to the article before",
        Action::FullScreen => "the article alone, full screen (Esc, q, h return)",
        Action::NextArticle => "next article of the list",
        Action::PrevArticle => "previous article of the list",
        Action::ShrinkHeadlines => "narrower headlines",
        Action::GrowHeadlines => "wider headlines",
        Action::Search => "search text",
        Action::PersonFilter => "filter by person",
        Action::DateFilter => "filter by date",
        Action::QueryLine => "every filter in one line: person:\"…\" date:… words",
        Action::Escape => "close help; otherwise clear filters",
        Action::Help => "this help",
        Action::OpenLink => "open the article's link in the browser",
        Action::CopyLink => "copy the article's link to the clipboard",
        Action::Reload => "read the store again",
        Action::Update => "fetch the subscribed feeds into the store (tuinews feeds add URL)",
        Action::Suspend => "suspend to the shell (fg returns)",
        Action::ToggleRead => "mark the article read / unread",
        Action::ToggleStar => "star the article / take the star away",
        Action::OnlyUnread => "only unread articles / all (is:unread)",
        Action::OnlyStarred => "only starred articles / all (is:starred)",
        Action::NextUnread => "next unread article (with a search: the next match first)",
        Action::PrevUnread => "previous unread article (with a search: the previous match first)",
        Action::NextMatch => "next search match in the article",
        Action::PrevMatch => "previous search match in the article",
        Action::Quit => "quit",
        Action::Submit => "apply",
        Action::ToggleScope => "everyone / only the persons of the articles shown",
        Action::DateToday => "dates: today",
        Action::DateWeek => "dates: the last 7 days",
        Action::DateMonth => "dates: this month",
        Action::DateYear => "dates: this year",
        Action::DeleteBack => "delete before the cursor",
        Action::DeleteForward => "delete under the cursor",
        Action::DeleteWord => "delete a word",
        Action::DeleteToStart => "delete to the start",
        Action::CursorLeft => "cursor left",
        Action::CursorRight => "cursor right",
        Action::CursorStart => "cursor to the start",
        Action::CursorEnd => "cursor to the end",
    }
}

fn action_help_vi(action: Action) -> &'static str {
    match action {
        Action::Down => "xuống / cuộn xuống",
        Action::Up => "lên / cuộn lên",
        Action::PageDown => "xuống một trang",
        Action::PageUp => "lên một trang",
        Action::Top => "dòng đầu / đầu bài",
        Action::Bottom => "dòng cuối / cuối bài",
        Action::FocusNext => "khung sau: tin, bài viết, tin liên quan",
        Action::FocusPrev => "khung trước",
        Action::Open => "tin: đọc bài; tin liên quan: mở bài",
        Action::Back => "về bài trước đó",
        Action::FullScreen => "chỉ bài viết, toàn màn hình (Esc, q, h để trở lại)",
        Action::NextArticle => "bài sau trong danh sách",
        Action::PrevArticle => "bài trước trong danh sách",
        Action::ShrinkHeadlines => "thu hẹp khung tin",
        Action::GrowHeadlines => "mở rộng khung tin",
        Action::Search => "tìm kiếm chữ",
        Action::PersonFilter => "lọc theo nhân vật",
        Action::DateFilter => "lọc theo ngày",
        Action::QueryLine => "mọi bộ lọc trên một dòng: person:\"…\" date:… từ khóa",
        Action::Escape => "đóng trợ giúp; nếu không thì bỏ bộ lọc",
        Action::Help => "trợ giúp này",
        Action::OpenLink => "mở liên kết của bài trong trình duyệt",
        Action::CopyLink => "chép liên kết của bài vào bộ nhớ tạm",
        Action::Reload => "đọc lại kho",
        Action::Update => "tải các nguồn tin đã đăng ký vào kho (tuinews feeds add URL)",
        Action::Suspend => "tạm dừng, về shell (fg để trở lại)",
        Action::ToggleRead => "đánh dấu đã đọc / chưa đọc",
        Action::ToggleStar => "lưu bài / bỏ lưu",
        Action::OnlyUnread => "chỉ bài chưa đọc / tất cả (is:unread)",
        Action::OnlyStarred => "chỉ bài đã lưu / tất cả (is:starred)",
        Action::NextUnread => "bài chưa đọc sau (khi đang tìm: chỗ khớp sau trước đã)",
        Action::PrevUnread => "bài chưa đọc trước (khi đang tìm: chỗ khớp trước trước đã)",
        Action::NextMatch => "chỗ khớp sau trong bài",
        Action::PrevMatch => "chỗ khớp trước trong bài",
        Action::Quit => "thoát",
        Action::Submit => "áp dụng",
        Action::ToggleScope => "tất cả / chỉ nhân vật của các bài đang hiện",
        Action::DateToday => "ngày: hôm nay",
        Action::DateWeek => "ngày: 7 ngày qua",
        Action::DateMonth => "ngày: tháng này",
        Action::DateYear => "ngày: năm nay",
        Action::DeleteBack => "xóa trước con trỏ",
        Action::DeleteForward => "xóa tại con trỏ",
        Action::DeleteWord => "xóa một từ",
        Action::DeleteToStart => "xóa về đầu dòng",
        Action::CursorLeft => "con trỏ sang trái",
        Action::CursorRight => "con trỏ sang phải",
        Action::CursorStart => "con trỏ về đầu",
        Action::CursorEnd => "con trỏ về cuối",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_counts_articles_in_groups_of_three() {
        assert_eq!(EN.loading(0, 0), "loading…");
        assert_eq!(EN.loading(187_242_057, 0), "loading… 187.2 MB");
        assert_eq!(EN.loading(0, 40_000), "loading… 40 000 articles");
        assert_eq!(
            EN.loading(187_242_057, 1_234_567),
            "loading… 1 234 567 articles of 187.2 MB"
        );
        assert_eq!(VI.loading(187_242_057, 0), "đang tải… 187,2 MB");
        assert_eq!(VI.loading(0, 40_000), "đang tải… 40 000 bài");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn the_locale_picks_vietnamese_only_when_it_starts_with_vi() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        // LC_ALL wins over LANG, LC_MESSAGES too; an empty one is not set.
        let both = env(&[("LC_ALL", "C"), ("LANG", "vi_VN.UTF-8")]);
        assert_eq!(Lang::from_locale(both), Lang::En);
        let messages = env(&[("LC_MESSAGES", "vi_VN"), ("LANG", "en_GB.UTF-8")]);
        assert_eq!(Lang::from_locale(messages), Lang::Vi);
        let empty = env(&[("LC_ALL", ""), ("LANG", "vi")]);
        assert_eq!(Lang::from_locale(empty), Lang::Vi);
    }

    #[test]
    fn codes_parse_in_any_case_and_as_locales() {
        assert_eq!("vi".parse(), Ok(Lang::Vi));
        assert_eq!("VI_vn.utf-8".parse(), Ok(Lang::Vi));
        assert_eq!("en-US".parse(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
        for lang in [Lang::En, Lang::Vi] {
            assert_eq!(lang.code().parse(), Ok(lang));
            assert_eq!(lang.words().lang, lang);
        }
    }

    #[test]
    fn weekdays_follow_the_language() {
        use jiff::civil::date;
        let wednesday = date(2021, 11, 24).weekday();
        assert_eq!(VI.weekday(wednesday), "Thứ Tư");
        assert_eq!(EN.weekday(wednesday), "Wednesday");
        assert_eq!(VI.weekday(date(2021, 11, 28).weekday()), "Chủ nhật");
        assert_eq!(EN.weekday(date(2021, 11, 22).weekday()), "Monday");
    }

    #[test]
    fn every_action_has_help_in_both_languages_and_they_differ() {
        for action in Action::all() {
            let (en, vi) = (EN.action_help(action), VI.action_help(action));
            assert!(!en.is_empty() && !vi.is_empty(), "{action:?}");
            assert_ne!(en, vi, "{action:?} is not translated");
        }
    }
}
