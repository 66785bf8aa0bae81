"""newsgraph_quotes on short hand-written articles, one pattern a case."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.cues import modifier_cue
from newsgraph.extract.quotes import find_quotes
from newsgraph.model import Quote

# (text, a words of the statement, speaker_span, cue, channel); None = must be absent.
CASES: list[tuple[str, str, str | None, str | None, str | None]] = [
    # quote before and after the cue, inverted cue, colon introduction
    ('"We will win the vote," Maria Lopez said.', "We will win the vote", "Maria Lopez",
     "said", None),
    ('"We will win the vote," said Maria Lopez.', "We will win the vote", "Maria Lopez",
     "said", None),
    ('Maria Lopez said: "We will win the vote."', "We will win the vote", "Maria Lopez",
     "said", None),
    ("Maria Lopez told reporters: “The vote was stolen from us.”", "The vote was stolen",
     "Maria Lopez", "told", None),
    ('The mayor said, "The bridge will reopen in May."', "The bridge will reopen", "The mayor",
     "said", None),
    # speaker named after a dash (also for a line of a few words), speaker in the clause after
    # a long apposition
    ('"We have questions about that deployment." – Ned Price', "We have questions",
     "Ned Price", None, None),
    ('"There is no crisis." – Anna Berg', "There is no crisis", "Anna Berg", None, None),
    ('"The border stays closed," Anna Berg, a spokeswoman for the interior ministry, said.',
     "The border stays closed", "Anna Berg", "said", None),
    # indirect speech, with and without "that"; pronoun and nominal speakers
    ("Officials said that the bridge would reopen in May.", "the bridge would reopen",
     "Officials", "said", None),
    ("He said the talks had failed.", "the talks had failed", "He", "said", None),
    ("She insisted the election had been fair.", "the election had been fair", "She",
     "insisted", None),
    ("The ministry said the troops would leave by Friday.", "the troops would leave",
     "The ministry", "said", None),
    ("The spokesperson warned that prices would rise again.", "prices would rise again",
     "The spokesperson", "warned", None),
    ("The activist claimed that police had beaten the marchers.",
     "police had beaten the marchers", "The activist", "claimed", None),
    ("The strike will go on, union leader Tom Hale said.", "The strike will go on",
     "union leader Tom Hale", "said", None),
    ("The plan, Tom Hale said, was never going to work.", "The plan", "Tom Hale", "said", None),
    ("Tom Hale, who leads the dockers' union, said the strike would go on.",
     "the strike would go on", "Tom Hale", "said", None),
    ("Tom Hale said the deal was dead and added that talks would resume in spring.",
     "talks would resume in spring", "Tom Hale", "added", None),
    # an object with what it was judged for
    ("The senator accused the governor of hiding the report.",
     "the governor of hiding the report", "The senator", "accused", None),
    # the content model keeps only what the object was praised for (as annotators read it)
    ("The union praised the mayor for keeping the buses running.",
     "keeping the buses running", "The union", "praised", None),
    # reporting nouns: the possessor speaks, or the subject voicing the noun, or nobody named
    ("Tom Hale repeated his claim that the vote had been rigged.", "the vote had been rigged",
     "his", "claim", None),
    ("Maria Lopez expressed hope that the talks would resume.", "the talks would resume",
     "Maria Lopez", "hope", None),
    ("The claim that the dam was unsafe was never proven.", "the dam was unsafe", None,
     "claim", None),
    ("The claim by Tom Hale that the vote had been rigged was never proven.",
     "the vote had been rigged", "Tom Hale", "claim", None),
    # a question asked, a topic spoken about
    ("The mayor asked whether the bridge would reopen in May.", "whether the bridge would",
     "The mayor", "asked", None),
    ("Tom Hale was asked whether he would run for mayor again.", "whether he would run",
     None, "asked", None),
    ("Maria Lopez spoke about how the flood had destroyed the farms.",
     "how the flood had destroyed the farms", "Maria Lopez", "spoke", None),
    # an impression reported by a verb of seeming, or a passive cue: the subject is not who
    # speaks; a passive's "by" phrase is
    ("Tom Hale is expected to announce that the strike is over.", "the strike is over",
     None, "expected", None),
    # a passive cue: what was criticized is the content (as with "criticized the plan")
    ("The plan was criticized by the mayor as a gift to developers.", "The plan",
     "the mayor", "criticized", None),
    # a one-letter platform the tokenizer joins to the full stop ("X.")
    ('"This is a disgrace," Tom Hale wrote on X.', "This is a disgrace", "Tom Hale", "wrote",
     "X"),
    # according to
    ("According to the ministry, the talks failed on Tuesday.", "the talks failed",
     "the ministry", "According to", None),
    ("The talks failed on Tuesday, according to Reuters.", "The talks failed", "Reuters",
     "according to", None),
    # according to a statement: its issuer speaks through it, or nobody named does
    ("The army will withdraw, according to a statement from the defence ministry.",
     "The army will withdraw", "the defence ministry", "according to", "a statement"),
    ("The army will withdraw, according to a statement.", "The army will withdraw", None,
     "according to", "a statement"),
    # "according to" a rule is "in accordance with" it: the clause is the minister's
    ("The troops acted according to the charter, the minister said.",
     "The troops acted according to the charter", "the minister", "said", None),
    # mixed quotes and scare quotes whose clause names who used the words
    ('Maria Lopez said the plan was "a disaster for farmers".', "a disaster for farmers",
     "Maria Lopez", "said", None),
    ("Tokayev referred to “foreign-trained terrorists” in his speech.",
     "foreign-trained terrorists", "Tokayev", "referred", "his speech"),
    ("Protesters carried banners declaring “We are not terrorists!”", "We are not terrorists",
     "Protesters", "declaring", None),
    # channels: who the words came through
    ("Maria Lopez told Reuters that the deal was dead.", "the deal was dead", "Maria Lopez",
     "told", "Reuters"),
    ("Speaking to the BBC, Maria Lopez warned that the deal was dead.", "the deal was dead",
     "Maria Lopez", "warned", "the BBC"),
    ("The ministry said in a statement that the troops would stay.", "the troops would stay",
     "The ministry", "said", "a statement"),
    ("In remarks reported by AFP, Maria Lopez insisted that the regime was near its end.",
     "the regime was near its end", "Maria Lopez", "insisted", "AFP"),
    ('"Sovereignty matters to us," Ben Godwin was quoted as saying by the Canadian '
     "Broadcasting Corporation (CBC).", "Sovereignty matters to us", "Ben Godwin",
     "was quoted as saying", "CBC"),
    # quote marks: curly, single, guillemets, brackets, nested, unbalanced
    ("“The deal is dead,” Maria Lopez said.", "The deal is dead", "Maria Lopez", "said", None),
    ("'The deal is dead,' Maria Lopez said.", "The deal is dead", "Maria Lopez", "said", None),
    ("«The deal is dead», Maria Lopez said.", "The deal is dead", "Maria Lopez", "said", None),
    ('"They [the rebels] will lose the war," Maria Lopez said.', "They [the rebels] will lose",
     "Maria Lopez", "said", None),
    ("“He told me ‘never again’ and walked out,” Maria Lopez said.", "never again",
     "Maria Lopez", "said", None),
    ('Maria Lopez said: "We will fight on until the end.', "We will fight on", "Maria Lopez",
     "said", None),
    # a cue after the quotation that runs on ("adding:")
    ('"We will not stop," Maria Lopez said, adding: "The government must go."',
     "The government must go", "Maria Lopez", "adding", None),
    # a speaker named before a colon: headlines and interview transcripts
    ("Pat Caddell: Democrat voters are worried about her health\nThe poll came out on Monday.",
     "Democrat voters are worried", "Pat Caddell", ":", None),
    ('"PENCE: Well, the debate tomorrow is about jobs and wages."', "the debate tomorrow",
     "PENCE", ":", None),
    # a statement whose speaker the text does not name
    ('"Nobody knows what will happen to the country next year, or after that."',
     "Nobody knows what will happen", None, None, None),
    # the content model: unquoted words after a colon, a wish, a trailing time clause
    ("Tom Hale explained his reasoning: the union cannot accept a pay cut this year.",
     "the union cannot accept a pay cut this year", "Tom Hale", "explained", None),
    ("The union leader wants the talks to resume soon.", "the talks to resume soon",
     "The union leader", "wants", None),
    ("The minister has argued that taxes must rise.", "that taxes must rise", "The minister",
     "argued", None),
    # a weak cue verb (belief, stance) with a clear statement: the content model weighs the
    # verb and its candidate statements together
    ("Maria Lopez knows that the deal is dead.", "that the deal is dead", "Maria Lopez",
     "knows", None),
    ("The governor backs the idea that the state should raise the minimum wage.",
     "the idea that the state should raise the minimum wage", "The governor", "backs", None),
    # an impression reported by the writer: the one whose state it is does not say it, so no
    # speaker is named
    ("Tom Hale appears uneasy about the new contract.", "uneasy about the new contract", None,
     "appears", None),
    # "as X reported": the statement is the clause the "as" clause modifies
    ("As the Daily Post reported, the mayor will resign in May.",
     "the mayor will resign in May", "the Daily Post", "reported", None),
    # a poll that found what its clause says is the source
    ("In a Gallup poll released on Monday, 52 percent of voters backed the new tax.",
     "52 percent of voters backed the new tax", "a Gallup poll", "In", None),
    # a stance adjective after a copula: what it is about is the statement
    ("The senator was critical of the new border plan.", "the new border plan", "The senator",
     "was", None),
    ("The farmers are optimistic that the rains will come early this year.",
     "that the rains will come early this year", "The farmers", "are", None),
    ("The union leader was upbeat about the chances of a new pay deal.",
     "the chances of a new pay deal", "The union leader", "was", None),
    # "reportedly": a statement whose speaker the text does not name
    ("The ministry reportedly ordered the troops back to their barracks.",
     "ordered the troops back to their barracks", None, "reportedly", None),
]

# Quotation marks that are not statements: (text, the quoted words).
NOT_QUOTES: list[tuple[str, str]] = [
    # the same weak verbs with no statement to choose: "no statement" wins
    ("Maria Lopez knows the city well.", "the city"),
    ("The mayor watched the game from the stands.", "the game"),
    ('She has just published "The Long Road Home", a memoir of the war.', "The Long Road Home"),
    ("The film “Brave New World” opened in Almaty on Friday.", "Brave New World"),
    ('Ivan "the Hammer" Petrov won the fight in Moscow.', "the Hammer"),
    ('The so-called "reforms" changed little for workers in the region.', "reforms"),
    ("Minister defends “reforms”\nThe minister spoke in parliament on Monday.", "reforms"),
    ('Minister "quits" - Reuters report\nThe minister spoke in parliament on Monday.', "quits"),
    ("Crowds gathered near the 'Golden Gate' hotel on Sunday.", "Golden Gate"),
    ("The fact that the dam held saved the town.", "the dam held"),
    # "in" with no poll, a poll after its clause's subject: no cue
    ("In the morning, the mayor opened the new bridge.", "the mayor opened"),
    ("The mayor stays far ahead in the polls.", "far ahead"),
    # a line head that names no speaker: a wire's running story, an editor's note
    ("The Latest: Harbour workers end their strike after a week\nThe vote came on Monday.",
     "Harbour workers end"),
    ("Editor's Note: This story was updated with the final count of the vote\n"
     "The count ended on Monday.", "This story was updated"),
]


# The writer's aside after a statement is not part of it: (text, statement, aside words).
ASIDES: list[tuple[str, str, str]] = [
    ("The ministry said the troops would leave the city, which has been under curfew since May.",
     "the troops would leave the city", "curfew"),
    ("The senator praised Tom Hale, who retired from the union last year.", "Tom Hale",
     "retired"),
]


def _quotes(pipeline: Language, text: str) -> list[Quote]:
    return list(pipeline(text)._.quotes)


def _with(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no statement with {words!r} in {[q.text for q in quotes]}"
    return found[0]


@pytest.mark.parametrize("text, words, speaker_span, cue, channel", CASES)
def test_quotes_pattern(
    pipeline: Language,
    text: str,
    words: str,
    speaker_span: str | None,
    cue: str | None,
    channel: str | None,
) -> None:
    q = _with(_quotes(pipeline, text), words)
    assert (q.speaker_span.text if q.speaker_span else None) == speaker_span
    assert (q.cue.text if q.cue else None) == cue
    assert q.channel == channel
    assert text[q.span.start : q.span.end] == q.text


@pytest.mark.parametrize("text, statement, aside", ASIDES)
def test_quotes_statement_leaves_out_the_aside(
    pipeline: Language, text: str, statement: str, aside: str
) -> None:
    q = _with(_quotes(pipeline, text), statement)
    assert q.text == statement
    assert not [q for q in _quotes(pipeline, text) if aside in q.text]


#: A passive cue or a verb of seeming: what the statement is about is a fragment of its own
#: (the subject), with the rest of the statement, under one cue and no speaker.
ABOUT: list[tuple[str, str, str, str]] = [
    ("All three senators are expected to speak at the dinner on Thursday.",
     "All three senators", "to speak at the dinner on Thursday", "expected"),
    ("The mayor is widely expected to resign before the election.", "The mayor",
     "to resign before the election", "expected"),
    ("Tom Hale appears uneasy about the new budget.", "Tom Hale",
     "uneasy about the new budget", "appears"),
]


@pytest.mark.parametrize("text, about, rest, cue", ABOUT)
def test_quotes_subject_of_a_passive_cue_is_a_fragment(
    pipeline: Language, text: str, about: str, rest: str, cue: str
) -> None:
    quotes = _quotes(pipeline, text)
    assert [q.text for q in quotes] == [about, rest]
    assert {q.cue.text if q.cue else None for q in quotes} == {cue}
    assert all(q.speaker_span is None for q in quotes)


def test_quotes_speaker_of_an_active_cue_is_no_fragment(pipeline: Language) -> None:
    quotes = _quotes(pipeline, "Maria Lopez said the talks had failed.")
    assert [q.text for q in quotes] == ["the talks had failed"]


@pytest.mark.parametrize("text, words", NOT_QUOTES)
def test_quotes_not_a_statement(pipeline: Language, text: str, words: str) -> None:
    assert not [q for q in _quotes(pipeline, text) if words in q.text]


def test_quotes_statement_nested_in_a_name_colon_line(pipeline: Language) -> None:
    quotes = _quotes(pipeline, "Pat Caddell: Democrat voters are worried about her health\n"
                     "The poll came out on Monday.")
    said = {(q.text, q.speaker_span.text if q.speaker_span else None) for q in quotes}
    assert said == {("Democrat voters are worried about her health", "Pat Caddell"),
                    ("her health", "Democrat voters")}


# Sentences with no statement: a copula with no stance, a question to the reader, an order,
# an act done according to a rule.
NO_STATEMENT = [
    "The old bridge was closed for repairs on Monday.",
    "The mayor is tall and quiet.",
    "Do you think the mayor will resign before the election?",
    "Ask yourself: which party will win the next election?",
    "The troops are doing so according to the principle that allies help each other.",
]


@pytest.mark.parametrize("text", NO_STATEMENT)
def test_quotes_no_statement(pipeline: Language, text: str) -> None:
    assert _quotes(pipeline, text) == []


def test_quotes_auxiliary_is_not_a_cue_of_its_own(pipeline: Language) -> None:
    quotes = _quotes(pipeline, "The minister has argued that taxes must rise.")
    assert [q.cue.text for q in quotes if q.cue] == ["argued"]


def test_quotes_colon_statement_leaves_out_the_object(pipeline: Language) -> None:
    text = "Tom Hale explained his reasoning: the union cannot accept a pay cut this year."
    assert [q.text for q in _quotes(pipeline, text)] == [
        "the union cannot accept a pay cut this year"
    ]


def test_quotes_split_quote_is_one_attribution(pipeline: Language) -> None:
    text = '"The deal is dead," Maria Lopez said. "We will not sign it."'
    first, second = _quotes(pipeline, text)
    assert first.text == '"The deal is dead,"'
    assert second.text == '"We will not sign it."'
    assert first.cue == second.cue and first.cue is not None
    assert first.speaker == second.speaker and first.speaker is not None


def test_quotes_speaker_over_several_paragraphs(pipeline: Language) -> None:
    text = (
        'Maria Lopez said: "The first thing is the water supply.\n\n'
        '"The second thing is the roads, which are closed.\n\n'
        '"The third thing is the schools."\n\n'
        "The council meets on Monday."
    )
    quotes = _quotes(pipeline, text)
    assert [q.text[:10] for q in quotes] == ['"The first', '"The secon', '"The third']
    assert {q.speaker_span.text for q in quotes if q.speaker_span} == {"Maria Lopez"}
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker is not None


def test_quotes_follow_on_paragraph_keeps_the_speaker(pipeline: Language) -> None:
    text = (
        '"The strike will go on," said union leader Tom Hale.\n\n'
        '"Nobody here wants to go back to work without a contract."'
    )
    first, second = _quotes(pipeline, text)
    assert second.speaker == first.speaker is not None
    assert second.cue is None
    assert second.kind == "direct"


def test_quotes_kinds(pipeline: Language) -> None:
    text = (
        '"The deal is dead," Maria Lopez said.\n'
        "Maria Lopez said the deal was dead.\n"
        'Maria Lopez said the deal was "dead and buried".'
    )
    assert [q.kind for q in _quotes(pipeline, text)] == ["direct", "indirect", "mixed"]


def test_quotes_speaker_is_the_actor_named(pipeline: Language) -> None:
    doc = pipeline('"We will win the vote," Maria Lopez said in Madrid on Sunday.')
    (q,) = doc._.quotes
    speaker = next(a for a in doc._.actors if a.id == q.speaker)
    assert speaker.name == "Maria Lopez"


def test_quotes_statement_told_to_someone_leaves_them_out(pipeline: Language) -> None:
    (q,) = _quotes(pipeline, "Anna Berg told AFP the rules would last a month.")
    assert (q.text, q.channel) == ("the rules would last a month", "AFP")


def test_quotes_speaker_named_in_apposition_to_a_title(pipeline: Language) -> None:
    doc = pipeline("The opposition leader, Tom Hale, said the decision was a disgrace.")
    (q,) = doc._.quotes
    assert q.speaker_span is not None and q.speaker_span.text == "The opposition leader"
    assert next(a.name for a in doc._.actors if a.id == q.speaker) == "Tom Hale"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russia's foreign minister, Sergei Lavrov, said the talks had failed.", "Sergei Lavrov"),
        ("Tanzania's Minister of Works, Grace Mwakyusa, said the patrols would start.",
         "Grace Mwakyusa"),
    ],
)
def test_quotes_speaker_in_apposition_beats_the_country_of_the_title(
    pipeline: Language, text: str, name: str
) -> None:
    doc = pipeline(text)
    (q,) = doc._.quotes
    assert next(a.name for a in doc._.actors if a.id == q.speaker) == name


def test_quotes_speaker_stays_null_without_an_actor(pipeline: Language) -> None:
    doc = pipeline("Officials said that the bridge would reopen in May.")
    (q,) = find_quotes(doc, actors=())
    assert q.speaker_span is not None and q.speaker_span.text == "Officials"
    assert q.speaker is None


def test_quotes_empty_and_quote_free_text(pipeline: Language) -> None:
    assert _quotes(pipeline, "") == []
    assert _quotes(pipeline, "The river rose by two metres overnight.") == []


def test_quotes_stray_mark_keeps_the_rest(pipeline: Language) -> None:
    text = 'The crowd chanted " loudly.\nMaria Lopez said the deal was dead.'
    q = _with(_quotes(pipeline, text), "the deal was dead")
    assert q.speaker_span is not None and q.speaker_span.text == "Maria Lopez"


def test_quotes_two_cues_claiming_one_clause_give_one_statement(pipeline: Language) -> None:
    # "refused" and "comment" both take "the scope of the inquiry": the first cue keeps it
    text = "The senator refused to comment on the scope of the inquiry."
    found = [q for q in _quotes(pipeline, text) if "the scope of the inquiry" in q.text]
    assert [q.text for q in found] == ["to comment on the scope of the inquiry"]
    assert found[0].cue is not None and found[0].cue.text == "refused"


def test_quotes_reportedly_splits_the_clause_around_the_adverb(pipeline: Language) -> None:
    quotes = _quotes(pipeline, "The company has reportedly hired a new chief executive.")
    assert [q.text for q in quotes] == ["The company has", "hired a new chief executive"]
    assert {q.cue.text if q.cue else None for q in quotes} == {"reportedly"}
    assert all(q.speaker_span is None for q in quotes)


def _parsed(pipeline: Language, words: list[str], pos: list[str], deps: list[str],
            heads: list[int]) -> Doc:
    return Doc(pipeline.vocab, words=words, pos=pos, deps=deps, heads=heads)


@pytest.mark.parametrize("first, cue", [("reportedly", True), ("Reportedly", False)])
def test_quotes_reportedly_in_a_title_case_headline_is_no_cue(
    pipeline: Language, first: str, cue: bool
) -> None:
    words = ["Tom", "Hale", first, "Caught", "In", "Another", "Funding", "Scandal", "."]
    if cue:
        words[3:8] = [w.lower() for w in words[3:8]]
    doc = _parsed(
        pipeline, words,
        ["PROPN", "PROPN", "ADV", "VERB", "ADP", "DET", "NOUN", "NOUN", "PUNCT"],
        ["compound", "nsubj", "advmod", "ROOT", "prep", "det", "compound", "pobj", "punct"],
        [1, 3, 3, 3, 3, 7, 7, 4, 3],
    )
    found = modifier_cue(doc[:], doc[2])
    assert (found is not None) == cue
    if found is not None:
        assert found.content == ((0, 2), (3, 8)) and found.source is None


def test_quotes_a_speaker_the_parse_joined_to_the_clause_is_still_the_speaker(
    pipeline: Language,
) -> None:
    # the parse makes "Administration" a conjunct of "Helsinki" and leaves "said" no subject
    q, _ = _quotes(
        pipeline,
        "Estonia and Finland agreed on Tuesday to carry out joint safety checks on ferries "
        "between Tallinn and Helsinki, the Estonian Maritime Administration said.\n\n"
        '"Passengers should not notice anything except shorter queues," the administration\'s '
        "director, Jaan Tamm, told Harbour Wire.",
    )
    assert q.text.endswith("between Tallinn and Helsinki")
    assert q.speaker_span is not None
    assert q.speaker_span.text == "the Estonian Maritime Administration"


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Six in ten voters call the mayor honest, after half of them said so in the spring poll.",
         "said"),
        ("The harbour will close in winter. Most of the dockers thought so too.", "thought"),
        ("The harbour will close in winter, and the union leaders said so again on Monday.",
         "said"),
    ],
)
def test_quotes_said_so_is_the_statement(pipeline: Language, text: str, cue: str) -> None:
    said = [q.text for q in _quotes(pipeline, text) if q.cue is not None and q.cue.text == cue]
    assert said == ["so"]
