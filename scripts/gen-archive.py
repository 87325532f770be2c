#!/usr/bin/env python3
"""Write a synthetic news archive: N small HTML pages in nested folders.

    python3 scripts/gen-archive.py N OUTDIR [--seed S] [--malformed K]

Pages land in OUTDIR/site-XX/YYYY/MM/page-NNNNNNN.html, 400 to a folder, so
input keys (paths relative to OUTDIR) vary in depth and spelling. Each page is
2-6 kB of vocabulary-generated text (about 15% Korean Hangul, the rest
English) inside realistic markup: title, meta, style, script, header and nav,
byline, 3-10 paragraphs, sometimes headings, lists and quotes, a footer with
per-site boilerplate. The same N and seed give byte-identical files.

--malformed K also writes K bad inputs into OUTDIR/bad/, cycling through:
an empty file, PNG bytes named .html, a truncated .html.gz, a page with NUL
bytes, and a page with no text at all.

Standard library only; used by `make bench` (scripts/bench.py).
"""

import argparse
import gzip
import os
import random
import sys

PAGES_PER_FOLDER = 400
SITES = 8

EN_WORDS = """
the of and to in a is that for on was with as by at from it be has are were this
an said have not but which its after they who their been more than one two also
had would new first about over year years into other some when there government
people state officials country will could them can before while during against
between under since where city report police president minister military
economic security border trade market prices food rice fuel workers factory
province region capital officials authorities residents sources according local
party leader meeting program policy public private foreign international support
recent week month days reported told interview statement announced confirmed
denied expected plans increase decrease rising falling sharp steady growth decline
crisis talks agreement sanctions exports imports shipment cargo vessel port
railway station highway bridge construction project housing apartment school
university students teachers hospital doctors patients health disease outbreak
vaccine campaign election vote council court trial judge lawyer case charges
prison arrest investigation evidence witness families children women men young
old farmers harvest weather rain drought flood winter summer spring autumn
electricity water supply shortage demand currency exchange rate dollar yuan won
bank loan debt budget tax revenue spending industry mining coal iron steel
textile fishing smuggling traders merchants street stalls jangmadang network
mobile phone internet broadcast radio television newspaper media journalist
editor correspondent analyst expert researcher institute center committee bureau
department ministry agency army navy soldiers officers unit base drill exercise
missile launch test nuclear satellite rocket engine fleet aircraft airport
travel visitors tourism delegation visit summit leaders diplomats embassy
quietly openly reportedly allegedly officially widely largely nearly roughly
about only even still already again however meanwhile moreover therefore
""".split()

# Hangul words, common in news prose (nouns, verbs, particles already attached).
KO_WORDS = """
정부는 당국은 주민들이 소식통에 따르면 지난달 이번 주 최근 평양에서 지역에서
국경 무역 시장 가격이 쌀값이 연료 노동자들 공장에서 당국이 단속을 강화했다
주민들의 생활이 어려워졌다 외화 환율이 급등했다 하락했다 중국 상인들 밀수
휴대전화 통제 보안원 간부들 회의를 열고 지시를 내렸다 농민들 수확 가뭄 홍수
겨울철 전기 공급 부족 학교 학생들 병원 의사 감염병 백신 선거 재판 체포 조사
가족들 아이들 여성들 군인들 부대 훈련 미사일 발사 시험 핵 위성 대표단 방문
회담 합의 제재 수출 수입 선박 항구 철도 건설 주택 아파트 예산 세금 은행 대출
시장에서 판매 장마당 전했다 말했다 밝혔다 설명했다 강조했다 덧붙였다 것으로
알려졌다 보인다 있다 없다 했다 한다 하지만 그러나 또한 특히 이에 따라 한편
현재 앞으로 계속 크게 많은 일부 모든 새로운 중요한 어려운 높은 낮은
""".split()

EN_TITLE_WORDS = [w for w in EN_WORDS if len(w) > 3]

EN_UI = {
    "nav": ["Home", "Politics", "Economy", "Society", "World", "Opinion", "Video", "About"],
    "read": "Read more", "related": "Related Articles", "by": "By",
    "footer": "All rights reserved. Contact: desk@{site}.example",
    "policy": "Comments that violate our community guidelines will be removed.",
}
KO_UI = {
    "nav": ["홈", "정치", "경제", "사회", "국제", "오피니언", "영상", "소개"],
    "read": "더 보기", "related": "관련 기사", "by": "기자",
    "footer": "무단 전재 및 재배포 금지. 문의: desk@{site}.example",
    "policy": "커뮤니티 규정을 위반한 댓글은 삭제됩니다.",
}
EN_NAMES = ["Kim Ji-ho", "Lee Min-seo", "Park Sung-jin", "Choi Eun-ji", "Jang Seul-gi",
            "Anna Berg", "Tom Walsh", "Maria Santos", "David Chen", "Sara Okafor"]
KO_NAMES = ["김지호", "이민서", "박성진", "최은지", "장슬기", "강민호", "윤서연", "조현우"]

STYLE = ("<style>body{font-family:sans-serif;margin:0}.nav a{padding:4px 8px}"
         ".article p{line-height:1.6}.footer{color:#666;font-size:12px}</style>")
SCRIPTS = [
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
    "gtag('js',new Date());gtag('config','UA-000000-1');</script>",
    "<script>(function(){var s=document.createElement('script');s.async=true;"
    "s.src='https://ads.example/tag.js';document.head.appendChild(s);})();</script>",
    '<script type="application/json" id="page-config">{"section":"news","ads":true}</script>',
]


def sentence(rng, words, ko, lo, hi):
    n = rng.randint(lo, hi)
    ws = rng.choices(words, k=n)
    if ko:
        return " ".join(ws) + "."
    s = " ".join(ws)
    # Sprinkle inline markup and entities the way real article bodies carry them.
    r = rng.random()
    if r < 0.04:
        s += " &amp; " + rng.choice(words)
    elif r < 0.07:
        s = f'{s} <a href="/news/{rng.randrange(10**6)}">{rng.choice(words)}</a>'
    elif r < 0.10:
        s = f"&ldquo;{s}&rdquo;"
    return s[0].upper() + s[1:] + "."


def paragraph(rng, words, ko, budget):
    parts, size = [], 0
    while size < budget:
        s = sentence(rng, words, ko, 6, 18)
        parts.append(s)
        size += len(s.encode()) + 1 if ko else len(s) + 1
    return " ".join(parts)


def make_page(rng, i, site, year, month):
    ko = rng.random() < 0.15
    words, ui = (KO_WORDS, KO_UI) if ko else (EN_WORDS, EN_UI)
    target = rng.randint(2000, 6000)
    day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if ko:
        title = " ".join(rng.choices(KO_WORDS, k=rng.randint(4, 8)))
        author = rng.choice(KO_NAMES)
        byline = f"{author} {ui['by']} | {date} {hour:02d}:{minute:02d}"
    else:
        title = " ".join(rng.choices(EN_TITLE_WORDS, k=rng.randint(4, 9))).title()
        author = rng.choice(EN_NAMES)
        byline = f"{ui['by']} {author}  |  {date} {hour:02d}:{minute:02d}"
    sitename = f"site-{site:02d}"

    head = [
        "<!DOCTYPE html>",
        f'<html lang="{"ko" if ko else "en"}"><head><meta charset="utf-8">',
        f"<title>{title} - {sitename.title()} News</title>",
        f'<meta name="author" content="{author}">',
        f'<link rel="canonical" href="https://{sitename}.example/{year}/{month:02d}/{i}">',
    ]
    if rng.random() < 0.6:
        head.append(STYLE)
    if rng.random() < 0.6:
        head.append(rng.choice(SCRIPTS))
    head.append("</head><body>")
    head.append(f'<header><a class="logo" href="/">{sitename.title()}</a><nav class="nav">'
                + "".join(f'<a href="/{n.lower()}">{n}</a>' for n in ui["nav"]) + "</nav></header>")
    head.append(f'<article class="article"><h1>{title}</h1><p class="byline">{byline}</p>')

    tail = [
        "</article>",
        f'<aside class="related"><h3>{ui["related"]}</h3><ul>'
        + "".join(f'<li><a href="/news/{rng.randrange(10**6)}">'
                  f'{" ".join(rng.choices(words, k=rng.randint(3, 7)))}</a></li>'
                  for _ in range(rng.randint(2, 4)))
        + "</ul></aside>",
        f'<p class="policy">{ui["policy"]}</p>',
        f'<footer class="footer"><p>&copy; {year} {sitename}. '
        f'{ui["footer"].format(site=sitename)}</p></footer>',
    ]
    if rng.random() < 0.3:
        tail.append(rng.choice(SCRIPTS))
    tail.append("</body></html>\n")

    fixed = sum(len(s.encode()) + 1 for s in head + tail)
    n_par = rng.randint(3, 10)
    per_par = max((target - fixed) // (n_par + 1), 80)
    body = []  # (html, is_paragraph)
    for k in range(n_par):
        if k > 0 and rng.random() < 0.15:
            body.append((f"<h2>{sentence(rng, words, ko, 3, 7)[:-1]}</h2>", False))
        r = rng.random()
        if k > 0 and r < 0.08:
            body.append(("<ul>" + "".join(f"<li>{sentence(rng, words, ko, 4, 10)}</li>"
                                          for _ in range(rng.randint(2, 5))) + "</ul>", False))
        elif k > 0 and r < 0.14:
            body.append((f"<blockquote><p>{paragraph(rng, words, ko, per_par // 2)}</p></blockquote>",
                         False))
        body.append((f"<p>{paragraph(rng, words, ko, per_par)}</p>", True))
    # Keep every page within 2-6 kB whatever the draw: trim from the end (never
    # below 3 paragraphs), or pad with short paragraphs.
    size = fixed + sum(len(b.encode()) + 1 for b, _ in body)
    while size > 6000 and sum(p for _, p in body) > 3:
        b, _ = body.pop()
        size -= len(b.encode()) + 1
    while size < 2000 or not body[-1][1]:
        b = f"<p>{paragraph(rng, words, ko, 120)}</p>"
        if size + len(b.encode()) + 1 > 6000:
            break
        body.append((b, True))
        size += len(b.encode()) + 1
    return "\n".join(head + [b for b, _ in body] + tail).encode()


MALFORMED_KINDS = ("empty", "png", "truncated-gz", "nul", "no-text")


def malformed(kind, rng):
    if kind == "empty":
        return ".html", b""
    if kind == "png":
        return ".html", (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10"
                         b"\x08\x06\x00\x00\x00" + rng.randbytes(200))
    if kind == "truncated-gz":
        page = make_page(rng, 0, 0, 2020, 1)
        whole = gzip.compress(page, mtime=0)
        return ".html.gz", whole[: len(whole) // 2]
    if kind == "nul":
        page = make_page(rng, 0, 0, 2020, 1)
        cut = len(page) // 3
        return ".html", page[:cut] + b"\x00" * 64 + page[cut:].replace(b" ", b"\x00", 20)
    # no-text: markup only, nothing a reader could call text
    return ".html", (b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title>"
                     + STYLE.encode() + SCRIPTS[0].encode()
                     + b"</head><body><div><div><span></span></div><img src=\"/x.png\" alt=\"\">"
                     + b"<br><hr></div></body></html>\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of pages")
    ap.add_argument("outdir", help="output directory (created; existing files are overwritten)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--malformed", type=int, default=0, metavar="K",
                    help="also write K bad inputs into OUTDIR/bad/")
    args = ap.parse_args(argv)
    if args.n < 0 or args.malformed < 0:
        ap.error("counts must be >= 0")

    rng = random.Random(args.seed)
    total = 0
    folder = None
    for i in range(args.n):
        f = i // PAGES_PER_FOLDER
        if f != folder:
            folder = f
            site, rest = f % SITES, f // SITES
            year, month = 2010 + rest // 12, rest % 12 + 1
            d = os.path.join(args.outdir, f"site-{site:02d}", f"{year:04d}", f"{month:02d}")
            os.makedirs(d, exist_ok=True)
        data = make_page(rng, i, site, year, month)
        with open(os.path.join(d, f"page-{i:07d}.html"), "wb") as fh:
            fh.write(data)
        total += len(data)

    bad_bytes = 0
    if args.malformed:
        bad = os.path.join(args.outdir, "bad")
        os.makedirs(bad, exist_ok=True)
        brng = random.Random(args.seed + 1_000_003)
        for j in range(args.malformed):
            kind = MALFORMED_KINDS[j % len(MALFORMED_KINDS)]
            ext, data = malformed(kind, brng)
            with open(os.path.join(bad, f"bad-{j:05d}-{kind}{ext}"), "wb") as fh:
                fh.write(data)
            bad_bytes += len(data)

    extra = f", {args.malformed} malformed ({bad_bytes} bytes)" if args.malformed else ""
    print(f"gen-archive: {args.n} pages, {total} bytes ({total / 1e6:.1f} MB) "
          f"in {args.outdir}, seed {args.seed}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
