"""One short article per script the layouts must draw, each with a sentence to find again."""

from __future__ import annotations

from pathlib import Path

# language: (title, sentence, more text). The Vietnamese one carries Hán characters, as
# Vietnamese texts do; the Russian one is long enough to be hyphenated in a column.
SAMPLES: dict[str, tuple[str, str, str]] = {
    "vi": ("Câu đối ngày Tết ở bản Khuổi Phầy",
           "Người dân treo câu đối 福祿壽 và chữ 孝 trước cửa nhà trong dịp Tết.",
           "Ông đồ viết chữ Hán cho cả bản, mỗi nét đều được giữ gìn cẩn thận qua nhiều đời."),
    "ja": ("東京の桜が満開",
           "東京都心では今朝、桜の花が満開になりました。",
           "気象庁によると、例年より五日早い開花です。多くの人々が公園を訪れました。"),
    "ko": ("서울의 봄",
           "서울의 봄 날씨가 따뜻해지면서 시민들이 한강 공원을 찾았습니다.",
           "기상청은 이번 주말까지 맑은 날씨가 이어질 것이라고 밝혔습니다."),
    "zh": ("北京举行新闻发布会",
           "北京市今天举行了新闻发布会，介绍城市发展的最新情况。",
           "发言人表示，今年将继续改善交通和空气质量。"),
    "ru": ("Весна в городе",
           "Жители города вышли на улицы, чтобы отпраздновать наступление весны.",
           "Представители администрации подчеркнули, что благоустройство общественных "
           "пространств продолжится, а реконструкция исторических зданий завершится "
           "до конца года; экскурсоводы подготовили специальные маршруты по достопримечательностям."),
    "ar": ("الربيع في المدينة",
           "احتفل سكان المدينة بقدوم فصل الربيع في الحدائق العامة.",
           "وقالت البلدية إن الحدائق ستبقى مفتوحة حتى منتصف الليل."),
    "th": ("ปลูกต้นไม้ในหมู่บ้าน",
           "ชาวบ้านในหมู่บ้านร่วมกันปลูกต้นไม้เพื่ออนุรักษ์ป่าไม้",
           "ผู้ใหญ่บ้านกล่าวว่าน้ำใจของทุกคนทำให้งานนี้สำเร็จ"),
    "hi": ("गाँव में पेड़ लगाए गए",
           "गाँव के लोगों ने जंगल बचाने के लिए मिलकर पेड़ लगाए।",
           "प्रधान ने कहा कि सबके सहयोग से यह काम सफल हुआ।"),
    "km": ("ដាំដើមឈើនៅភូមិ",
           "ប្រជាជនក្នុងភូមិបានរួមគ្នាដាំដើមឈើដើម្បីការពារព្រៃឈើ។",
           "មេភូមិបាននិយាយថា ការងារនេះទទួលបានជោគជ័យ។"),
}


def write_samples(folder: Path, language: str | None = "vi", languages: tuple[str, ...] = tuple(SAMPLES)) -> Path:
    """A publication folder: a manifest (in ``language``, or without one: None) and one
    Markdown article per language, each with a subheading."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = 'title = "Bản tin nhiều thứ tiếng"\n' + (f'language = "{language}"\n' if language else "")
    (folder / "publication.toml").write_text(manifest, encoding="utf-8")
    for number, code in enumerate(languages, start=1):
        title, sentence, more = SAMPLES[code]
        text = (f"---\ntitle: '{title}'\nlanguage: {code}\nauthors: [PV]\n---\n\n{sentence}\n\n"
                f"## {title}\n\n{more}\n")
        (folder / f"{number:02d}-{code}.md").write_text(text, encoding="utf-8")
    return folder
