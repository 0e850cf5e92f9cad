"""Function words and personal pronouns of Russian and English, as scoring sees them.

Function words weigh almost nothing (Russian has no articles, so "the" has no counterpart); personal
pronouns weigh a little, so that "he" for «она» still costs something.
"""

from __future__ import annotations

RU_PRONOUNS: frozenset[str] = frozenset(
    """
    я меня мне мной мною ты тебя тебе тобой он его ему им него нему ним нем она ее ей ею нее ней
    оно мы нас нам нами вы вас вам вами они их ими них ним ними
    """.split()
)

EN_PRONOUNS: frozenset[str] = frozenset(
    """
    i me my mine myself you your yours yourself yourselves he him his himself she her hers herself
    its itself we us our ours ourselves they them their theirs themselves
    """.split()
)  # "it" is a function word: English's dummy subject ("it is clear") for Russian that has none

RU_FUNCTION: frozenset[str] = frozenset(
    """
    а и или но да же ли ни не нет бы вот вон ведь уж
    в во на с со к ко по о об обо от из изо у за над под подо перед при про для до без
    через между среди вокруг около после кроме вместо ради сквозь вдоль возле мимо
    из-за из-под благодаря согласно вследствие насчет
    что чего чему чем чтобы как так также тоже то того тому тем этот эта это эти этого этой этому
    этим этими этих эту тот та те ту той тех теми такой такая такое такие такого таких
    который которая которое которые которого которой которому которым которых которую кто кого
    кому кем где куда откуда когда тогда потом затем зачем почему отчего поэтому потому если раз
    хотя пусть пока нежели будто словно ибо причем притом зато либо
    себя себе собой свой своя свое свои своего своей своему своим своих свою
    мой моя мое мои моего моей твой наш наша наше наши нашего нашей ваш ваша ваше ваши
    сам сама само сами самого самой весь вся все всего всех всем всеми всей всю
    быть есть был была было были будет будут буду будем являться является являются
    мочь могу может можем можешь можете могут мог могла могло могли смог смогла смогло смогли сможет
    смогут должен должна должно должны следует можно нужно надо нельзя том этом
    тут там здесь туда сюда ну ж
    """.split()
)

EN_FUNCTION: frozenset[str] = frozenset(
    """
    a an the and or but nor so yet if then else than as because since while whereas though
    although unless until till whether either neither both not no n't
    of in on at to for from by with without within into onto upon about above below over under
    after before between among through throughout during against along across behind beyond
    around toward towards via per off out up down near
    like such this that these those who whom whose which what where when why how whatever whoever
    there here be am is are was were been being have has had having do does did done doing
    will would shall should can could may might must 'll 'd 's 're 've 'm
    thus hence however therefore let am pm a.m. p.m. it
    """.split()
)

# Light words: adverbs of degree and time that change what is said ("still", "even", "более") but
# less than a content word; they weigh half.
RU_LIGHT: frozenset[str] = frozenset(
    "уже еще лишь только даже именно очень вообще тоже также более менее самый почти всегда снова опять".split()
)
EN_LIGHT: frozenset[str] = frozenset(
    "already still even only just very quite rather also too again ever more most less least almost always".split()
)

# Negators: counted on both sides by the negation check.
RU_NEGATORS: frozenset[str] = frozenset(
    "не нет ни никогда никто ничто ничего никого никому никем нигде никуда ниоткуда никак никакой никакая никакое никакие никакого никакой никаких нисколько отнюдь".split()
)
RU_NI_WORDS: frozenset[str] = frozenset(w for w in RU_NEGATORS if w.startswith("ни") and w != "ни")
EN_NEGATORS: frozenset[str] = frozenset(
    "not n't no never nobody nothing none nowhere neither nor cannot".split()
)
