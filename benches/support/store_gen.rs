//! A deterministic generator of Vietnamese-like article stores, shared by
//! `examples/gen_store.rs` and `benches/load.rs` (each includes this file with `#[path]`).
//!
//! The text is built from syllable lists, so it has the byte mix of real Vietnamese news:
//! mostly printable ASCII, Latin-1 and Latin Extended-A/B letters (ă â đ ê ô ơ ư) and Latin
//! Extended Additional (ạ ả ấ ... ỹ), typographic quotes and dashes, and about 1.5-2 KB per
//! article. A small fraction of fields is deliberately harder (a title or paragraph in NFD, a
//! CJK name, an emoji, a tab, a CR LF, an NBSP) so that a benchmark also pays for the slow
//! paths a real store occasionally needs.

use std::io::{self, Write};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// splitmix64 (Steele, Lea, Flood 2014): a few lines, no dependency, and its output for a seed
/// is fixed forever. A crate's generator (rand's `StdRng`) may change algorithm between
/// versions, which would silently change every generated store and make benchmark results
/// from different checkouts incomparable; a new runtime dependency is not wanted either.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True once in `n` calls on average.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// An index skewed towards 0 (square of a uniform), so a few persons and tags are common
    /// and most are rare, as in real news.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n.max(1)
    }
}

#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lưu", "Tô",
];

#[rustfmt::skip]
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Minh", "Hữu", "Đức", "Quang", "Ngọc", "Thanh", "Xuân", "Thu", "Hồng", "Anh",
    "Công", "Quốc", "Trọng", "Bảo", "Kim", "Gia", "Phương", "Tuấn", "Mạnh", "Thế",
];

#[rustfmt::skip]
const GIVEN: &[&str] = &[
    "An", "Bình", "Chính", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
    "Hương", "Khánh", "Lâm", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngân", "Nhung", "Phong",
    "Phúc", "Quân", "Quyết", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Trung", "Tú", "Tùng", "Uyên",
    "Việt", "Vinh", "Yến", "Hưng", "Huệ", "Khải", "Lộc", "Lợi", "Mỹ", "Nghĩa", "Phượng", "Thủy",
    "Tiến", "Vượng", "Ẩn", "Ổn", "Đông", "Toàn",
];

/// Names a Vietnamese paper prints in their own script.
const CJK_NAMES: &[&str] = &["志位和夫", "習近平", "岸田文雄", "尹錫悅", "李在明"];

const EMOJI: &[&str] = &["🇻🇳", "👍🏽", "❤\u{fe0f}", "👨\u{200d}👩\u{200d}👧", "🎉"];

/// Common syllables of news prose, every tone represented.
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "của", "và", "các", "những", "được", "trong", "người", "năm", "đã", "cho", "với", "có",
    "không", "này", "một", "là", "tại", "ngày", "theo", "khi", "về", "đến", "phát", "triển",
    "kinh", "tế", "chính", "phủ", "quốc", "hội", "thành", "phố", "nhà", "nước", "đầu", "tư", "dự",
    "án", "công", "ty", "doanh", "nghiệp", "thị", "trường", "giá", "tăng", "giảm", "tỷ", "đồng",
    "học", "sinh", "giáo", "dục", "bệnh", "viện", "sức", "khỏe", "bóng", "đá", "đội", "tuyển",
    "thế", "giới", "quan", "hệ", "hợp", "tác", "biểu", "biết", "hiện", "nay", "trước", "sau",
    "mới", "cũ", "lớn", "nhỏ", "cao", "thấp", "tháng", "tuần", "sáng", "chiều", "tối", "đêm", "xã",
    "huyện", "tỉnh", "miền", "bắc", "trung", "nam", "đường", "cầu", "cảng", "sân", "bay", "điện",
    "mưa", "bão", "lũ", "lụt", "nắng", "nóng", "lạnh", "gió", "biển", "đảo", "rừng", "núi", "sông",
    "hồ", "chợ", "xe", "máy", "tàu", "hỏa", "khách", "du", "lịch", "văn", "hóa", "nghệ", "thuật",
    "âm", "nhạc", "phim", "ảnh", "sách", "báo", "tin", "tức", "thời", "sự", "pháp", "luật", "an",
    "ninh", "trật", "tự", "cảnh", "sát", "điều", "tra", "vụ", "việc", "xử", "lý", "vi", "phạm",
    "quy", "định", "chương", "trình", "kế", "hoạch", "mục", "tiêu", "nhiệm", "kỳ", "đại", "ủy",
    "ban", "bộ", "trưởng", "thứ", "tổng", "bí", "thư", "chủ", "tịch", "giám", "đốc", "chuyên",
    "gia", "nghiên", "cứu", "khoa", "kỹ", "số", "mạng", "cũng", "sẽ", "nữa", "vẫn", "mỗi", "lễ",
    "giữ", "ngữ", "sữa", "tưởng", "mẫu", "lẽ", "dẫn", "hỗ", "trợ", "rõ", "ràng", "đỡ", "vững",
    "mãi", "nỗ", "lực", "ổn", "ưu", "ẩm", "ướt", "gửi", "đưa", "ra", "vào", "lên", "xuống", "đi",
    "làm", "nói", "thấy", "muốn", "cần", "phải", "nên", "rất", "nhiều", "ít", "hơn", "nhất", "đều",
    "từ", "bằng", "để", "vì", "nếu", "nhưng", "hay", "hoặc", "cả", "chỉ", "đây", "đó", "ấy", "kia",
    "gì", "sao", "lượng", "chất", "thiết", "bị", "hệ", "thống", "quản", "dân", "cư", "lao", "động",
    "việc", "thu", "nhập", "xuất", "khẩu", "hàng", "hóa", "dịch", "vụ", "ngân", "sách", "thuế",
    "vốn",
];

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Hà Nội", "TP HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Nghệ An", "Quảng Ninh",
    "Khánh Hòa", "Lâm Đồng", "Bình Dương", "Đồng Nai", "Thanh Hóa", "Quảng Nam", "Tokyo",
    "Washington", "Bắc Kinh", "Seoul",
];

#[rustfmt::skip]
const SECTIONS: &[&str] = &[
    "Thời sự", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục",
    "Sức khỏe", "Đời sống", "Du lịch", "Khoa học", "Số hóa",
];

const SOURCES: &[(&str, &str)] = &[
    ("VnExpress", "vnexpress.net"),
    ("Tuổi Trẻ", "tuoitre.vn"),
    ("Thanh Niên", "thanhnien.vn"),
    ("Dân trí", "dantri.com.vn"),
    ("VietnamNet", "vietnamnet.vn"),
    ("Nhân Dân", "nhandan.vn"),
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "kinh tế", "bất động sản", "giá vàng", "thời tiết", "bão lũ", "giao thông", "tuyển sinh",
    "bóng đá", "V-League", "chứng khoán", "ngân hàng", "xuất khẩu", "du lịch", "y tế", "Quốc hội",
    "đối ngoại", "an ninh mạng", "AI", "năng lượng", "môi trường",
];

/// One article as it is written to the store (field order as in README's format table).
#[derive(Serialize)]
struct Article<'a> {
    id: String,
    title: String,
    published: String,
    summary: String,
    body: Vec<String>,
    persons: Vec<&'a str>,
    related: Vec<String>,
    section: &'a str,
    source: &'a str,
    url: String,
    tags: Vec<&'a str>,
    captions: Vec<String>,
}

/// Writes a store of `n` articles; the same `n` and `seed` always give the same bytes.
pub fn write_store<W: Write>(out: W, n: usize, seed: u64) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut rng = SplitMix64::new(seed);
    let persons = person_pool(&mut rng, 3000);
    out.write_all(b"{\"articles\":[\n")?;
    for i in 0..n {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        let article = article(&mut rng, i, n, &persons);
        serde_json::to_writer(&mut out, &article)?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

fn person_pool(rng: &mut SplitMix64, size: usize) -> Vec<String> {
    let mut pool = Vec::with_capacity(size);
    while pool.len() < size {
        let name = if rng.one_in(300) {
            rng.pick(CJK_NAMES).to_owned()
        } else {
            let (f, m, g) = (rng.pick(FAMILY), rng.pick(MIDDLE), rng.pick(GIVEN));
            if rng.one_in(5) {
                format!("{f} {m} {} {g}", rng.pick(MIDDLE))
            } else {
                format!("{f} {m} {g}")
            }
        };
        // About 25,000 distinct names exist, so duplicates are rare and this ends quickly.
        if !pool.contains(&name) {
            pool.push(name);
        }
    }
    pool
}

fn article<'a>(rng: &mut SplitMix64, i: usize, n: usize, pool: &'a [String]) -> Article<'a> {
    let id = format!("{}", 4_000_000 + i);
    let mut persons: Vec<&str> = Vec::new();
    for _ in 0..rng.range(0, 4) {
        let p = pool[rng.skewed(pool.len())].as_str();
        if !persons.contains(&p) {
            persons.push(p);
        }
    }
    let mut title = sentence(rng, 9, 16, &persons, false);
    let mut summary = sentence(rng, 25, 40, &persons, true);
    summary.push(' ');
    summary.push_str(&sentence(rng, 12, 22, &persons, true));
    let mut body: Vec<String> = (0..rng.range(3, 6))
        .map(|_| paragraph(rng, &persons))
        .collect();
    let captions = (0..rng.range(0, 2))
        .map(|_| {
            let mut c = sentence(rng, 8, 14, &persons, true);
            c.push_str(" Ảnh:\u{a0}");
            c.push_str(pool[rng.below(pool.len())].as_str());
            c
        })
        .collect();

    // The rare hard cases: decomposed text, emoji, a tab and a CR LF from a pasted paragraph.
    if rng.one_in(100) {
        title = title.nfd().collect();
    }
    if rng.one_in(100) {
        summary.push(' ');
        summary.push_str(rng.pick(EMOJI));
    }
    if rng.one_in(200) {
        body[0] = body[0].nfd().collect();
    }
    if rng.one_in(200) {
        let last = body.len() - 1;
        body[last] = body[last]
            .replacen(". ", ".\r\n", 1)
            .replacen(", ", ",\t", 1);
    }

    let mut related: Vec<String> = Vec::new();
    if n > 1 {
        for _ in 0..rng.range(0, 4) {
            let j = rng.below(n);
            let r = format!("{}", 4_000_000 + j);
            if j != i && !related.contains(&r) {
                related.push(r);
            }
        }
    }
    let (source, domain) = SOURCES[rng.below(SOURCES.len())];
    let url = format!("https://{domain}/{}-{id}.html", slug(&title));
    let mut tags: Vec<&str> = Vec::new();
    for _ in 0..rng.range(0, 3) {
        let t = TAGS[rng.skewed(TAGS.len())];
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    Article {
        id,
        title,
        published: date(rng),
        summary,
        body,
        persons,
        related,
        section: rng.pick(SECTIONS),
        source,
        url,
        tags,
        captions,
    }
}

/// A sentence of `lo..=hi` syllables with a capital letter, sometimes a person, a place, a
/// number, a quotation or a dash; `period` ends it with a full stop.
fn sentence(rng: &mut SplitMix64, lo: usize, hi: usize, persons: &[&str], period: bool) -> String {
    let words = rng.range(lo, hi);
    let mut s = String::with_capacity(words * 7);
    let mut w = 0;
    while w < words {
        if !s.is_empty() {
            s.push(' ');
        }
        match rng.below(40) {
            0 if !persons.is_empty() => {
                s.push_str(persons[rng.below(persons.len())]);
                w += 3;
            }
            1 => {
                s.push_str(rng.pick(PLACES));
                w += 2;
            }
            2 => {
                s.push_str(&format!("{},{}%", rng.below(100), rng.below(10)));
                w += 1;
            }
            3 if w + 4 < words => {
                s.push('“');
                s.push_str(rng.pick(SYLLABLES));
                s.push(' ');
                s.push_str(rng.pick(SYLLABLES));
                s.push('”');
                w += 2;
            }
            4 if w > 0 && w + 2 < words => {
                s.push('–');
                w += 1;
            }
            5 if w > 2 && w + 2 < words => {
                s.pop();
                s.push_str(", ");
                s.push_str(rng.pick(SYLLABLES));
                w += 1;
            }
            _ => {
                s.push_str(rng.pick(SYLLABLES));
                w += 1;
            }
        }
    }
    capitalise(&mut s);
    if period {
        s.push('.');
    }
    s
}

fn paragraph(rng: &mut SplitMix64, persons: &[&str]) -> String {
    let mut p = String::new();
    for k in 0..rng.range(1, 3) {
        if k > 0 {
            p.push(' ');
        }
        p.push_str(&sentence(rng, 12, 26, persons, true));
    }
    p
}

/// Upper-cases the first letter (after an opening quote, say).
fn capitalise(s: &mut String) {
    if let Some((at, first)) = s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(at..at + first.len_utf8(), &upper);
    }
}

/// The URL slug of a title: accents dropped, đ as d, lowercase, words joined by `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title.split_whitespace().take(10) {
        let ascii: String = word
            .nfd()
            .map(|c| if matches!(c, 'đ' | 'Đ') { 'd' } else { c })
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !ascii.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&ascii);
        }
    }
    out
}

/// A date in 2016-2025 at a quarter hour between 05:00 and 23:45, Vietnam time.
fn date(rng: &mut SplitMix64) -> String {
    let start = days_from_civil(2016, 1, 1);
    let day = start + rng.below(3653) as i64;
    let (y, m, d) = civil_from_days(day);
    let (h, min) = (rng.range(5, 23), 15 * rng.below(4));
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00+07:00")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}
