"""The per-Doc token table gives what spaCy's Token API gives, by index."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.token_table import doc_text, table

TEXT = (
    "Kazakh President Kassym-Jomart Tokayev, who was in Almaty on Friday, said troops had "
    "fired on protesters.\n\nRussia's foreign ministry, asked about the deployment, did not "
    "reply. “We will not negotiate,” he told state television."
)


def test_the_table_matches_the_tokens(pipeline: Language) -> None:
    doc = pipeline(TEXT)
    tokens = table(doc)
    assert table(doc) is tokens  # kept for the Doc
    assert tokens.head == [t.head.i for t in doc]
    assert tokens.dep == [t.dep_ for t in doc]
    assert tokens.pos == [t.pos_ for t in doc]
    assert tokens.tag == [t.tag_ for t in doc]
    assert tokens.lemma == [t.lemma_.lower() for t in doc]
    assert tokens.lower == [t.lower_ for t in doc]
    assert tokens.text == [t.text for t in doc]
    assert tokens.is_punct == [t.is_punct for t in doc]
    assert tokens.is_space == [t.is_space for t in doc]
    for t in doc:
        assert tokens.children(t.i) == [c.i for c in t.children]
        assert tokens.ancestors(t.i) == [a.i for a in t.ancestors]
        assert tokens.subtree(t.i) == sorted(s.i for s in t.subtree)
        assert tokens.tree_order(t.i) == [s.i for s in t.subtree]
        assert tokens.path_up(t.i, t.sent.root.i) == [t.i, *(a.i for a in t.ancestors)][
            : len(list(t.ancestors))
        ]


def test_each_doc_has_its_own_table_and_text(pipeline: Language) -> None:
    one, two = pipeline("Police arrested him."), pipeline("He was arrested by police.")
    assert table(one).lower == ["police", "arrested", "him", "."]
    assert table(two).lower[0] == "he"
    assert table(one).lower[0] == "police"
    assert doc_text(one) == "Police arrested him." and doc_text(two) == two.text


def test_the_doc_text_is_rebuilt_from_the_table(pipeline: Language) -> None:
    """``doc_text`` joins the table's words and their spaces: the Doc's text to the character,
    runs of spaces, line breaks and a trailing space included."""
    for text in (TEXT, "  Two  spaces,\n\n a break and a tab\there. ", "", "Ends with a space "):
        doc = pipeline(text)
        assert doc_text(doc) == doc.text == text
