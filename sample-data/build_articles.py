#!/usr/bin/env python3
"""Builds sample-data/articles.json from the two scraped pages in sample-data/seeds/.

Every title/summary/body/caption string is taken from a seed line by its line
number (1-based), so the wording is the page's own, character for character
(the seeds are UTF-8 NFC; nothing is re-normalised or re-typed).

Decisions (see also the report in the commit history):
* Main articles have no `section`: neither page names one for its own article.
* Page 001's main article has no lead paragraph, so no `summary`; it gives no
  date, so no `published`.
* Page 000's meeting: "Sáng 24/11" (Tokyo, PM's official visit to Japan, 2021)
  -> plain date 2021-11-24, no invented hour.
* Listed stories: dated only when their own text gives a day/month; the year
  2026 comes from the story's own text or its block ("28/1/2026",
  "Bính Ngọ 2026", "96 năm thành lập Đảng"; page 001's blocks are 2026 items).
* Persons: full names as written, in order of first mention; photo credits
  ("Thống Nhất/TTXVN", "Doãn Tấn/TTXVN") are not persons; "Bác Hồ" (an
  epithet, not a full name), "tư tưởng Hồ Chí Minh", "Thành phố Hồ Chí Minh",
  "chủ nghĩa Marx-Lenin" and the prize name "Giải thưởng Hòa bình Romesh
  Chandra" are not recorded as persons.
"""
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def lines(name):
    with open(os.path.join(HERE, "seeds", name), encoding="utf-8") as f:
        return f.read().split("\n")


P0 = lines("000_c0bbaa08955b628d.txt")
P1 = lines("001_408ef0121ea63bab.txt")


def L0(n):
    return P0[n - 1]


def L1(n):
    return P1[n - 1]


def caption_from_table(line):
    # "| Quang cảnh Hội nghị. (Ảnh: TTXVN) |" -> the cell text
    assert line.startswith("| ") and line.endswith(" |"), line
    return line[2:-2]


def story(id_, title, section, summary=None, captions=None, persons=None, published=None):
    a = {"id": id_, "title": title}
    if published:
        a["published"] = published
    a["section"] = section
    if summary is not None:
        a["summary"] = summary
    if captions:
        a["captions"] = captions
    if persons:
        a["persons"] = persons
    return a


# ---- page 000: main article ------------------------------------------------
assert L0(5) == L0(6)  # the page repeats the caption; keep it once
main0 = {
    "id": "vn-jp-2021-11-24-pm-shii",
    "title": L0(1),
    "published": "2021-11-24",
    "summary": L0(3),
    "body": [L0(8), L0(10), L0(12), L0(14), L0(16)],
    "captions": [L0(5)],
    "persons": ["Phạm Minh Chính", "Shii Kazuo", "Nguyễn Phú Trọng"],
}

# ---- page 000: "Có thể bạn quan tâm" (caption, title, summary each) --------
S = "Có thể bạn quan tâm"
assert L0(18) == S
assert L0(32) == L0(34)  # "[Video] Thời sự 24h..." title line appears twice: keep once
block0 = [
    story("loi-hieu-trieu-hanh-trinh-moi", L0(22), S, L0(24), [L0(20)],
          ["Tô Lâm"], "2026-01-28"),  # "(28/1/1941-28/1/2026), tối 28/1"
    story("lht-gap-song-phuong-asean", L0(28), S, L0(30), [L0(26)],
          ["Lê Hoài Trung", "Prak Sokhonn"]),  # no date in its own text
    story("video-thoi-su-24h-2026-01-28", L0(32), S, L0(36), None,
          ["Tô Lâm", "Phạm Minh Chính", "Trần Thanh Mẫn"], "2026-01-28"),  # "28/1/2026"
    story("tran-trong-lang-y-kien-quoc-hoi", L0(40), S, L0(42), [L0(38)],
          ["Trần Thanh Mẫn"], "2026-01-28"),  # "Chiều 28/1"; block places it in Jan 2026
    story("bien-phong-hai-phong-san-sang-chien-dau", L0(46), S, L0(48), [L0(44)],
          ["Vũ Trung Kiên"], "2026-01-28"),  # "Sáng 28/1", "Bính Ngọ năm 2026"
    story("quoc-hoi-tiep-tuc-doi-moi-the-che", L0(52), S, L0(54), [L0(50)],
          ["Trần Thanh Mẫn", "Nguyễn Phú Trọng", "Trần Đại Quang", "Nguyễn Sinh Hùng"],
          "2026-01-28"),  # "Sáng 28/1", Đại hội XIV, 96 năm thành lập Đảng, Bính Ngọ
    story("anh-tran-thanh-man-tri-an-gia-dinh", L0(58), S, L0(60), [L0(56)],
          ["Trần Thanh Mẫn", "Nguyễn Phú Trọng", "Trần Đại Quang", "Nguyễn Sinh Hùng"],
          "2026-01-28"),  # "sáng 28/1/2026"
]

# ---- page 001: main article ------------------------------------------------
main1 = {
    "id": "csvn-coi-trong-huu-nghi-cs-nhat-ban",
    "title": L1(1),
    "body": [L1(n) for n in range(4, 13)],
    "captions": [caption_from_table(L1(3))],
    "persons": ["Ogata Yasuo", "Vũ Hồng Nam", "Lê Hoài Trung", "Shii Kazuo", "Nguyễn Phú Trọng"],
}

# ---- page 001: listed stories (title only) ---------------------------------
block1 = []


def add(section, header_line, first, last, specs):
    assert L1(header_line) == section, (section, L1(header_line))
    ns = list(range(first, last + 1))
    assert len(ns) == len(specs), section
    for n, spec in zip(ns, specs):
        id_, persons, published = (spec + (None, None))[:3]
        block1.append(story(id_, L1(n), section, persons=persons, published=published))


add("Tin bài liên quan", 13, 14, 16, [
    ("tet-cho-em-nguoi-viet-nhat-ban",),
    ("phu-nu-viet-nhat-ban-am-thuc",),
    ("kieu-bao-kansai-vung-niem-tin",),
])
add("Các tin bài khác", 17, 18, 21, [
    ("tien-len-toan-thang-at-ve-ta",),
    ("putin-dien-dam-to-lam", ["Vladimir Putin", "Tô Lâm"]),
    ("doan-ket-thong-nhat-chang-duong-moi",),
    ("dai-hoi-xiv-cong-tac-doi-ngoai",),
])
add("Đọc nhiều", 22, 23, 26, [
    ("truong-lien-cap-cuc-tay-to-quoc",),
    ("tin-quoc-te-2026-01-30", None, "2026-01-30"),  # "ngày 30/01" (2026 page)
    ("doan-ket-quyet-tam-lap-ky-tich",),
    ("ban-chile-tham-viet-nam",),
])
# line 28 is the block's navigation, not a story
assert L1(28).startswith("Miền đất - Con người")
add("Bờ cõi biển đảo", 27, 29, 31, [
    ("bien-gioi-viet-nam-lao-hoa-binh",),
    ("thong-cao-chung-bien-gioi-viet-lao-2026",),  # year only: undated
    ("nam-2025-cay-xanh-truong-sa",),  # year only: undated
])
add("Multimedia", 32, 33, 54, [
    ("infographic-nghi-quyet-chien-luoc",),
    ("infographic-doi-tac-viet-nam-eu",),
    ("dan-la-goc-thuoc-do-quyet-sach",),
    ("infographic-dai-hoi-xiv-8-noi-dung",),
    ("infographic-lich-trinh-bau-cu-2026-2031",),
    ("infographic-ha-noi-phan-luong-dai-hoi",),
    ("infographic-noi-dung-dai-hoi-xiv",),
    ("dai-su-lao-tin-tuong-dai-hoi-xiv",),
    ("video-dai-su-lao-tin-tuong-dai-hoi-xiv",),
    ("video-wviv-nong-nghiep-thanh-hoa",),
    ("video-plan-quang-tri-thanh-nien-khi-hau",),
    ("video-10-su-kien-van-hoa-2025",),
    ("plan-ho-tro-da-nang-sau-bao",),
    ("vietnam-happy-fest-2025",),
    ("video-cuu-tro-tre-em-bac-ninh",),
    ("video-world-vision-quang-ngai-nuoc-sach",),
    ("video-dong-tam-cuu-tro-vung-lu",),
    ("video-giai-hoa-binh-nguyen-thi-binh", ["Nguyễn Thị Bình"]),
    ("video-le-dang-y-kathina-da-nang",),
    ("ca-nuoc-huong-ve-thai-nguyen",),
    ("trailer-le-hoi-van-hoa-the-gioi-ha-noi",),
    ("video-khai-giang-nam-hoc-moi",),
])
assert all(not l.strip() for l in P1[54:])

main0["related"] = [a["id"] for a in block0]
main1["related"] = [a["id"] for a in block1]

articles = [main0, main1] + block0 + block1

# sanity: verbatim, NFC, unique ids, persons present
seeds = "\n".join(P0) + "\n" + "\n".join(P1)
ids = [a["id"] for a in articles]
assert len(ids) == len(set(ids))
for a in articles:
    assert a["id"].isascii() and len(a["id"]) <= 40, a["id"]
    texts = [a["title"], a.get("summary", "")] + a.get("body", []) + a.get("captions", [])
    for t in texts:
        assert t in seeds and unicodedata.is_normalized("NFC", t), t
    for p in a.get("persons", []):
        assert any(p in t for t in texts), (a["id"], p)

out = json.dumps({"articles": articles}, ensure_ascii=False, indent=2) + "\n"
assert unicodedata.is_normalized("NFC", out)
with open(os.path.join(HERE, "articles.json"), "w", encoding="utf-8") as f:
    f.write(out)
print(len(articles), "articles")
