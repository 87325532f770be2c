#!/usr/bin/env python3
"""Writes the encoded HTML pages that CharsetSnifferTests decodes.

Each page is real text in its language, encoded with Python's codecs, so the
bytes are what a server in that encoding would have sent. Every page carries
one known sentence (the SENTENCE_* constants below, repeated in the Swift
tests) that must come out of the decoder intact.

Deterministic: no randomness, no timestamps. Run it from anywhere:

    python3 Tests/WinnowHTMLTests/Fixtures/make-charset-fixtures.py
"""

from pathlib import Path

OUT = Path(__file__).resolve().parent / "charsets"

# ---------------------------------------------------------------- texts

SENTENCE_EN = "The council approved the harbour budget on Tuesday evening."
EN = (
    "The city council voted 7 to 2 late on Tuesday to fund the long-delayed "
    "repairs to the north harbour wall, ending a dispute that has dragged on "
    "for almost three years. " + SENTENCE_EN + " Engineers warned last winter "
    "that storm surges had undermined the old granite blocks, and two fishing "
    "boats were damaged in January when a section of the parapet collapsed. "
    "The mayor said the work would begin in the spring and should be finished "
    "before the autumn storms.\n\n"
    "Residents who spoke at the meeting were divided. Several shop owners on "
    "the quay said the scaffolding would keep visitors away during the summer "
    "season, while the harbour master told councillors that doing nothing was "
    "no longer an option."
)

# windows-1252 page: curly quotes are the bytes 0x93 and 0x94.
SENTENCE_EN_QUOTES = "\u201cWe cannot wait another winter,\u201d the harbour master said."
EN_1252 = (
    "The city council voted late on Tuesday to fund repairs to the north "
    "harbour wall. " + SENTENCE_EN_QUOTES + " The caf\u00e9 owners on the quay "
    "\u2014 who had opposed the plan for months \u2014 said they would accept "
    "the decision if the work was done outside the summer season. Engineers "
    "warned last winter that storm surges had undermined the old granite "
    "blocks, and two fishing boats were damaged in January when a section of "
    "the parapet collapsed.\n\n"
    "The mayor said the contract would be awarded in March and that the "
    "council\u2019s reserve fund, not a new tax, would cover the \u00a34.2 "
    "million cost. Opposition councillors called the estimate \u2018optimistic"
    "\u2019 and asked for a public report every quarter."
)

SENTENCE_KO = "서울시는 내년부터 지하철 심야 운행을 확대한다고 밝혔다."
KO = (
    "서울시는 시민들의 귀갓길 불편을 줄이기 위해 지하철 운행 시간을 조정하기로 했다. "
    + SENTENCE_KO + " 시는 우선 2호선과 5호선의 막차 시간을 평일 기준 30분 늦추고, "
    "이용객이 많은 금요일에는 임시 열차를 추가로 투입할 계획이다. "
    "서울교통공사는 이를 위해 기관사와 역무원을 새로 채용하고 야간 정비 일정도 "
    "다시 짜기로 했다.\n\n"
    "시민 단체들은 이번 결정을 환영하면서도 버스 노선과의 연계가 부족하다고 지적했다. "
    "한 시민은 \"막차를 놓치면 택시를 잡기도 어려웠는데 이제는 조금 숨통이 트일 것 같다\"고 "
    "말했다. 시는 다음 달 공청회를 열어 구체적인 운행 계획을 확정할 예정이다. "
    "전문가들은 심야 운행 확대가 유지 보수 시간을 줄여 안전에 부담이 될 수 있다며 "
    "충분한 인력 확보가 먼저라고 강조했다."
)

# Syllables outside KS X 1001 (EUC-KR proper) that only CP949/UHC encodes.
SENTENCE_KO_UHC = "똠방각하와 똥깡아지가 뙇 하고 나타났다."
KO_UHC = (
    "지난 주말 열린 지역 축제에서는 옛 소설 속 인물을 재현한 거리 공연이 큰 인기를 끌었다. "
    + SENTENCE_KO_UHC + " 관객들은 익살스러운 몸짓에 웃음을 터뜨렸고, 아이들은 "
    "공연이 끝난 뒤에도 배우들을 따라다니며 사진을 찍었다. 축제 조직위원회는 "
    "올해 방문객이 지난해보다 두 배 가까이 늘었다고 밝혔다.\n\n"
    "조직위원회 관계자는 \"주민들이 직접 무대를 꾸미고 음식을 준비한 덕분\"이라며 "
    "내년에는 행사 기간을 사흘로 늘리고 외국인 관광객을 위한 안내소도 마련하겠다고 "
    "말했다. 인근 상인들도 매출이 크게 늘었다며 반기는 분위기다."
)

SENTENCE_JA = "政府は来年度から地方の鉄道路線への支援を拡大する方針を固めた。"
JA = (
    "人口減少が続く地方で、赤字の鉄道路線をどう維持するかが大きな課題となっている。"
    + SENTENCE_JA + "国土交通省によると、利用者が一日あたり二千人を下回る区間は"
    "全国で百か所を超えており、その多くで運行本数の削減が検討されている。"
    "自治体からは、通学や通院に欠かせない交通手段だとして、国による財政支援を"
    "求める声が相次いでいた。\n\n"
    "新たな制度では、鉄道会社と沿線の自治体が協議会を設け、バスへの転換も含めて"
    "地域にふさわしい交通のあり方を話し合う。専門家は「住民の意見を丁寧に聞き、"
    "観光客の利用も増やす工夫が必要だ」と指摘している。"
)

SENTENCE_ZH = "国家统计局周三公布的数据显示，上月居民消费价格同比上涨百分之二。"
ZH = (
    SENTENCE_ZH + "其中，食品价格涨幅明显，猪肉和新鲜蔬菜的价格分别上涨了百分之十二和"
    "百分之八。分析人士认为，近期多地出现强降雨天气，影响了蔬菜的生产和运输，"
    "是推动价格上涨的主要原因之一。\n\n"
    "与此同时，工业生产者出厂价格继续下降，降幅比上月有所收窄。专家表示，"
    "随着一系列稳增长政策逐步落地，国内需求有望进一步恢复，物价总体将保持"
    "温和上涨的态势。有关部门表示，将加强重要民生商品的保供稳价工作，"
    "确保市场供应充足，价格基本稳定，并密切关注国际大宗商品价格的变化。"
)

SENTENCE_ZH_TW = "交通部昨天宣布，高速公路將於下個月起實施新的收費方案。"
ZH_TW = (
    SENTENCE_ZH_TW + "根據新方案，每天行駛里程在二十公里以內的車輛可以免費通行，"
    "超過的部分則按照車種和時段分別計費。交通部表示，這項調整是為了鼓勵民眾"
    "避開尖峰時段出行，減少國道的塞車情形。\n\n"
    "不過，部分貨運業者擔心運輸成本增加，要求政府提供補貼。消費者團體則認為，"
    "新制度對經常往返城市之間的通勤族較為不利。交通部官員說，將在正式實施前"
    "舉辦多場說明會，聽取各方意見，並視情況調整費率。"
)

SENTENCE_RU = "Правительство утвердило новую программу строительства дорог в Сибири."
RU = (
    "В среду на заседании кабинета министров обсуждали развитие транспортной "
    "инфраструктуры в восточных регионах страны. " + SENTENCE_RU + " По словам "
    "министра транспорта, за пять лет планируется построить и отремонтировать "
    "более трёх тысяч километров автомобильных дорог, а также несколько крупных "
    "мостов через Обь и Енисей.\n\n"
    "Губернаторы сибирских областей приветствовали решение, однако отметили, что "
    "суровый климат и короткое строительное лето заметно увеличивают стоимость "
    "работ. Эксперты считают, что без привлечения частных инвесторов выполнить "
    "программу в срок будет непросто. Финансирование первого этапа уже "
    "предусмотрено в федеральном бюджете на следующий год."
)


# ---------------------------------------------------------------- pages

def page(title, body, head_extra="", lang="en"):
    """An HTML page as a str; the caller encodes it."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        "<!DOCTYPE html>\n"
        f"<html lang=\"{lang}\">\n<head>\n{head_extra}"
        f"<title>{title}</title>\n</head>\n<body>\n<article>\n"
        f"<h1>{title}</h1>\n{paragraphs}\n</article>\n</body>\n</html>\n"
    )


def meta(label):
    return f"<meta charset=\"{label}\">\n"


def http_equiv(label):
    return f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">\n"


def junk_page():
    """ASCII lines salted with 0x81 0x8D 0x8F 0x90 0x9D: not UTF-8, no meta,
    uchardet 0.0.7 names no charset, and windows-1252 leaves those five bytes
    undefined, so the sniffer must fall back and mark each with U+FFFD."""
    parts = [
        b"<!DOCTYPE html>\n<html>\n<head>\n<title>Sensor log</title>\n</head>\n<body>\n<pre>\n",
    ]
    junk = [b"\x81\x8d", b"\x8f\x90", b"\x9d\x81", b"\x90\x8f\x9d", b"\x8d"]
    for i in range(12):
        parts.append(f"reading {i:02d}: status ".encode("ascii"))
        parts.append(junk[i % len(junk)])
        parts.append(b" ok\n")
    parts.append(b"</pre>\n</body>\n</html>\n")
    return b"".join(parts)


FIXTURES = {
    # English
    "en-utf8-meta.html": page("Harbour repairs approved", EN, meta("utf-8")).encode("utf-8"),
    "en-utf8-nometa.html": page("Harbour repairs approved \u2014 caf\u00e9 owners react", EN).encode("utf-8"),
    "en-1252-meta.html": page("Harbour repairs", EN_1252, meta("iso-8859-1")).encode("cp1252"),
    "en-1252-nometa.html": page("Harbour repairs", EN_1252).encode("cp1252"),
    # Korean
    "ko-utf8.html": page("지하철 심야 운행 확대", KO, meta("utf-8"), "ko").encode("utf-8"),
    "ko-cp949-meta.html": page("지하철 심야 운행 확대", KO, meta("euc-kr"), "ko").encode("cp949"),
    "ko-cp949-httpequiv.html": page("지하철 심야 운행 확대", KO, http_equiv("ks_c_5601-1987"), "ko").encode("cp949"),
    "ko-cp949-nometa.html": page("지하철 심야 운행 확대", KO, "", "ko").encode("cp949"),
    "ko-cp949-wrongmeta.html": page("지하철 심야 운행 확대", KO, meta("iso-8859-1"), "ko").encode("cp949"),
    "ko-utf8-lyingmeta.html": page("지하철 심야 운행 확대", KO, meta("euc-kr"), "ko").encode("utf-8"),
    "ko-uhc-only.html": page("똠방각하 거리 공연", KO_UHC, meta("euc-kr"), "ko").encode("cp949"),
    # Japanese
    "ja-sjis.html": page("地方鉄道への支援拡大", JA, meta("shift_jis"), "ja").encode("cp932"),
    "ja-eucjp.html": page("地方鉄道への支援拡大", JA, meta("euc-jp"), "ja").encode("euc_jp"),
    # Chinese
    "zh-gb18030.html": page("上月物价温和上涨", ZH, meta("gb2312"), "zh-CN").encode("gb18030"),
    "zh-big5.html": page("高速公路新收費方案", ZH_TW, meta("big5"), "zh-TW").encode("big5"),
    # Russian
    "ru-1251-meta.html": page("Новые дороги в Сибири", RU, meta("windows-1251"), "ru").encode("cp1251"),
    "ru-koi8r-meta.html": page("Новые дороги в Сибири", RU, meta("koi8-r"), "ru").encode("koi8_r"),
    "ru-1251-nometa.html": page("Новые дороги в Сибири", RU, "", "ru").encode("cp1251"),
    # Byte-order marks (the BOM is the first code point)
    "en-utf8-bom.html": ("\ufeff" + page("Harbour repairs approved", EN)).encode("utf-8"),
    "ko-utf16le-bom.html": ("\ufeff" + page("지하철 심야 운행 확대", KO, "", "ko")).encode("utf-16-le"),
    "ko-utf16be-bom.html": ("\ufeff" + page("지하철 심야 운행 확대", KO, "", "ko")).encode("utf-16-be"),
    # No valid reading at all
    "junk.html": junk_page(),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(FIXTURES.items()):
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
