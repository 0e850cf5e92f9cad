"""Function words of Russian and English, written for tct (no outside list copied).

A word here carries grammar rather than content, so a missing rendering of it
is not evidence of an unfaithful translation.  Lists hold lemmas and common
forms in the key form of `toolkit.lexicon.morph.norm` (lowercase, ё -> е).
"""

from __future__ import annotations

RU_STOPWORDS: frozenset[str] = frozenset(
    """
    а и или но да же ли ни не нет бы вот вон ведь уж уже еще лишь только даже именно
    в во на с со к ко по о об обо от из изо у за над под подо перед при про для до без
    через между среди вокруг около после кроме вместо ради сквозь вдоль возле мимо
    из-за из-под благодаря согласно вследствие насчет
    что чтобы как так также тоже то это этот эта эти это тот та те такой такая такое такие
    каков который которая которое которые кто чей где куда откуда когда тогда потом затем
    зачем почему отчего поэтому потому если раз хотя пусть пока чем нежели будто словно
    точно ибо причем притом зато либо то-есть
    я ты он она оно мы вы они меня мне мной тебя тебе тобой его ему им него нему ним ее ей
    нее ней их них нас нам нами вас вам вами себя себе собой свой своя свое свои мой моя
    мое мои твой твоя твое твои наш наша наше наши ваш ваша ваше ваши сам сама само сами
    самый весь вся все всё всего всех всем всеми всему каждый любой иной другой некоторый
    какой-то что-то кто-то какой-либо что-либо кто-либо никто ничто ничего никакой нечего
    некого
    быть есть был была было были будет будут буду будем будешь будете являться стать
    мочь может могут можно нужно надо должен должна должно должны
    более менее наиболее наименее очень вообще тут там здесь туда сюда теперь сейчас ну ж бы ль разве неужели ой ах
    ли-то -то -либо -нибудь
    """.split()
)

EN_STOPWORDS: frozenset[str] = frozenset(
    """
    a an the and or but nor so yet if then else than as because since while whereas though
    although unless until till whether either neither both not no n't
    of in on at to from by with without within into onto upon about above below over under
    after before between among through throughout during against along across behind beyond
    around toward towards via per off out up down near
    i me my mine myself you your yours yourself yourselves he him his himself she her hers
    herself it its itself we us our ours ourselves they them their theirs themselves
    this that these those who whom whose which what where when why how whatever whoever
    there here
    be am is are was were been being have has had having do does did done doing
    will would shall should can could may might must ought 'll 'd 's 're 've 'm
    all any some each every other another such same own few many much more most several
    one ones none nothing something anything everything someone anyone everyone somebody
    anybody everybody nobody
    also just only even very too quite rather still again ever never already soon now
    then thus hence however therefore moreover furthermore indeed perhaps maybe
    oh yes let
    """.split()
)


def is_stopword(lemma_or_form: str, lang: str) -> bool:
    """True if the (normalised) word is a function word of the given language."""
    words = RU_STOPWORDS if lang == "ru" else EN_STOPWORDS
    return lemma_or_form in words
